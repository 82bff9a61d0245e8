import type { TestApp } from './test-app.js';

/** A commune (xã) or hamlet (thôn) in force since 2010, created through the API as an admin. */
export function createArea(
  t: TestApp,
  code: string,
  name: string,
  level: 'commune' | 'hamlet',
  parentCode: string,
) {
  return t
    .http()
    .post('/api/areas')
    .send({
      code,
      name,
      level,
      typeLabel: level === 'commune' ? 'xã' : 'thôn',
      parentCode,
      validFrom: '2010-01-01',
    })
    .expect(201);
}
