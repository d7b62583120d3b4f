/** Limits shared by server validation and web forms. */
export const limits = {
  bodyBytes: 1_048_576,
  name: 200,
  email: 254,
  phone: 40,
  password: { min: 10, max: 200 },
  note: 10_000,
  tag: 50,
  tags: 50,
  emails: 10,
  phones: 10,
  search: 200,
  pageSize: { default: 25, max: 100 },
  teamMembers: 500,
} as const;
