import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

/**
 * Evaluation saves under load, from a process of its own so the load does not share the server's
 * event loop: 20 connections on loopback, each request saving the first evaluation of another
 * household. Prints one JSON line.
 */
const [base, token, codesFile, year, seconds] = process.argv.slice(2);

async function main(): Promise<void> {
  const codes = JSON.parse(await readFile(codesFile, 'utf8')) as string[];
  let next = 0;
  const body = JSON.stringify({ registered: true, scores: { '1': 28, '2': 27, '3': 18, '4': 17 } });
  const result = await autocannon({
    url: base,
    connections: 20,
    duration: Number(seconds),
    amount: codes.length,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => ({
          ...request,
          path: `/api/evaluations/family/${codes[next++ % codes.length]}/${year}`,
          body,
        }),
      },
    ],
  });
  console.log(
    JSON.stringify({
      requests: result.requests.total,
      perSecond: result.requests.average,
      p99Ms: result.latency.p99,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
