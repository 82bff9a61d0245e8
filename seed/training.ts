import {
  AreasRepository,
  CoursesRepository,
  TraineesRepository,
  type CourseInput,
  type Db,
  type TraineeWrite,
} from '@app/database';
import { formatNumberVi, type TraineeRole } from '@app/domain';
import { FAMILY_NAMES, personName } from './names.js';
import { Random } from './random.js';
import { COMMUNES, HAMLETS } from './reference.js';

interface Posting {
  areaCode: string;
  role: TraineeRole;
  validFrom: string;
}

interface Trainee extends TraineeWrite {
  postings: Posting[];
}

interface Course extends Omit<CourseInput, 'trainers' | 'areaId'> {
  areaCode: string;
  attendance: Map<string, number>;
}

export interface TrainingSummary {
  trainees: number;
  courses: number;
  attendance: number;
}

const HAMLET_ROLES: readonly TraineeRole[] = [
  'party_cell_secretary',
  'hamlet_head',
  'front_committee_head',
];
/** Association members per hamlet in the demo; the real rolls are longer. */
const MEMBERS_PER_HAMLET = 4;
/** Demo people who move to another commune mid-2019, so "where they serve that year" shows. */
const MOVES = 4;

/**
 * The course of 25–26/10/2018 held by thị xã Hương Thủy, as reported: more than 303 party cell
 * secretaries, hamlet and residential-group leaders and front committee heads, the 24 commune
 * vice-chairs and the commune culture officials. The split of the hamlet leaders not fully
 * present is generated.
 */
const COURSE_2018 = {
  code: 'HT-TH-2018-10',
  title: 'Tập huấn công tác khuyến học, xây dựng xã hội học tập',
  topics: [
    'Xây dựng gia đình, dòng họ, cộng đồng, đơn vị học tập',
    'Đánh giá, công nhận các mô hình học tập',
    'Chỉ tiêu xây dựng xã hội học tập của thị xã đến năm 2020',
  ],
  startsOn: '2018-10-25',
  endsOn: '2018-10-26',
  venue: null,
  organiser: 'Thị xã Hương Thủy',
  areaCode: 'HUONG_THUY',
  hamletLeadersFull: 304,
  hamletLeadersOneDay: 8,
  hamletLeadersAbsent: 12,
};

function generateTrainees(random: Random): Trainee[] {
  const person = (
    code: string,
    areaCode: string,
    role: TraineeRole,
    associationMember: boolean | null,
  ): Trainee => ({
    code,
    fullName: personName(random, random.weighted(FAMILY_NAMES)),
    associationMember,
    postings: [{ areaCode, role, validFrom: random.date(2010, 2015) }],
  });
  const trainees: Trainee[] = [];
  for (const commune of COMMUNES) {
    const prefix = `CB-${commune.code}`;
    // The vice-chairs sit on (and one chairs) the commune's Study Promotion Association.
    trainees.push(person(`${prefix}-PCT1`, commune.code, 'commune_vice_chair', true));
    trainees.push(person(`${prefix}-PCT2`, commune.code, 'commune_vice_chair', true));
    trainees.push(
      person(`${prefix}-VHXH`, commune.code, 'culture_official', random.chance(0.5) ? true : null),
    );
    trainees.push(person(`${prefix}-HKH1`, commune.code, 'association_officer', true));
    trainees.push(person(`${prefix}-HKH2`, commune.code, 'association_officer', true));
  }
  for (const hamlet of HAMLETS) {
    const prefix = `CB-${hamlet.code}`;
    HAMLET_ROLES.forEach((role, index) => {
      const member = random.chance(0.4) ? true : random.chance(0.5) ? false : null;
      trainees.push(person(`${prefix}-L${index + 1}`, hamlet.code, role, member));
    });
    trainees.push(person(`${prefix}-CH`, hamlet.code, 'association_officer', true));
    for (let i = 1; i <= MEMBERS_PER_HAMLET; i++) {
      trainees.push(person(`${prefix}-HV${i}`, hamlet.code, 'association_member', true));
    }
  }
  const members = random.shuffle(trainees.filter((t) => t.code.includes('-HV')));
  for (const mover of members.slice(0, MOVES)) {
    const from = HAMLETS.find((h) => h.code === mover.postings[0].areaCode);
    const to = random.pick(HAMLETS.filter((h) => h.communeCode !== from?.communeCode));
    mover.postings.push({ areaCode: to.code, role: 'association_member', validFrom: '2019-07-01' });
  }
  return trainees;
}

const communeOf = (areaCode: string) =>
  HAMLETS.find((h) => h.code === areaCode)?.communeCode ?? areaCode;

function generateCourses(
  random: Random,
  trainees: Trainee[],
  strengthOf: (communeCode: string) => number,
): Course[] {
  const hamletLeaders = random.shuffle(
    trainees.filter((t) => HAMLET_ROLES.includes(t.postings[0].role)),
  );
  const {
    hamletLeadersFull: full,
    hamletLeadersOneDay: oneDay,
    hamletLeadersAbsent: absent,
  } = COURSE_2018;
  const attendance2018 = new Map<string, number>([
    ...hamletLeaders.slice(0, full).map((t) => [t.code, 2] as const),
    ...hamletLeaders.slice(full, full + oneDay).map((t) => [t.code, 1] as const),
    ...hamletLeaders.slice(full + oneDay, full + oneDay + absent).map((t) => [t.code, 0] as const),
    ...trainees
      .filter((t) => ['commune_vice_chair', 'culture_official'].includes(t.postings[0].role))
      .map((t) => [t.code, 2] as const),
  ]);
  const courses: Course[] = [{ ...COURSE_2018, attendance: attendance2018 }];

  // Each commune's association trains its officers and members in 2019 and again in 2020; the
  // communes further ahead in the movement reach more of them, the strongest all by 2020.
  const trained = new Set<string>();
  for (const year of [2019, 2020]) {
    for (const commune of COMMUNES) {
      const strength = strengthOf(commune.code);
      const association = trainees.filter(
        (t) => t.associationMember === true && communeOf(t.postings[0].areaCode) === commune.code,
      );
      const share =
        year === 2019 ? 0.45 + 0.4 * strength : strength >= 0.85 ? 1 : 0.3 + 0.5 * strength;
      const attendance = new Map<string, number>();
      for (const t of association) {
        if (trained.has(t.code)) continue;
        const present = random.chance(share);
        attendance.set(t.code, present ? 1 : 0);
        if (present) trained.add(t.code);
      }
      const day = `${year}-0${random.int(4, 9)}-${String(random.int(10, 28)).padStart(2, '0')}`;
      courses.push({
        code: `BD-${commune.code}-${year}`,
        title: 'Bồi dưỡng nghiệp vụ công tác khuyến học cho cán bộ, hội viên',
        topics: ['Nghiệp vụ công tác khuyến học', 'Đánh giá, công nhận các mô hình học tập'],
        startsOn: day,
        endsOn: day,
        venue: `Hội trường UBND ${commune.name}`,
        organiser: `Hội Khuyến học ${commune.name}`,
        areaCode: commune.code,
        attendance,
      });
    }
  }
  return courses;
}

/**
 * People to train and their courses: the 2018 course of the thị xã, then each commune's own.
 * Idempotent: people and courses are matched by code, and postings are written only for people
 * who have none, so a move recorded since is kept.
 */
export async function seedTraining(
  db: Db,
  strengthOf: (communeCode: string) => number,
  log: (line: string) => void,
): Promise<TrainingSummary> {
  const random = new Random('huong-thuy-training');
  const trainees = generateTrainees(random);
  const courses = generateCourses(random, trainees, strengthOf);
  const people = new TraineesRepository(db);
  const training = new CoursesRepository(db);

  await people.upsertByCode(
    trainees.map(({ code, fullName, associationMember }) => ({
      code,
      fullName,
      associationMember,
    })),
  );
  const traineeIds = await training.findTraineeIds(trainees.map((t) => t.code));
  const areaIds = await new AreasRepository(db).idsByCode([
    ...new Set([
      ...trainees.flatMap((t) => t.postings.map((p) => p.areaCode)),
      ...courses.map((c) => c.areaCode),
    ]),
  ]);
  await people.addPostingsWhereNone(
    trainees.flatMap((t) =>
      t.postings.map((p, index) => ({
        traineeId: traineeIds.get(t.code) as number,
        areaId: areaIds.get(p.areaCode) as number,
        role: p.role,
        validFrom: p.validFrom,
        validTo: t.postings[index + 1] ? dayBefore(t.postings[index + 1].validFrom) : null,
      })),
    ),
  );
  await training.insertMissing(
    courses.map(({ areaCode, attendance: _attendance, ...course }) => ({
      ...course,
      trainers: [],
      areaId: areaIds.get(areaCode) as number,
    })),
  );
  const courseIds = await training.courseIdsByCode(courses.map((c) => c.code));
  const attendance = courses.flatMap((c) =>
    [...c.attendance].map(([trainee, days]) => ({
      courseId: courseIds.get(c.code) as number,
      traineeId: traineeIds.get(trainee) as number,
      daysAttended: days,
    })),
  );
  await training.addAttendanceWhereNone(attendance);
  const summary = {
    trainees: trainees.length,
    courses: courses.length,
    attendance: attendance.length,
  };
  log(
    `Tập huấn: ${formatNumberVi(summary.trainees)} cán bộ, hội viên; ` +
      `${formatNumberVi(summary.courses)} lớp; ${formatNumberVi(summary.attendance)} lượt điểm danh`,
  );
  return summary;
}

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
