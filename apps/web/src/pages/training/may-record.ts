/** Who may record people, courses and attendance: everyone but a viewer, within their scope. */
export const mayRecord = (role: string | undefined) => role !== undefined && role !== 'viewer';
