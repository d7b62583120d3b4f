-- A fresh install has one default business calendar: Asia/Shanghai, Mon–Fri 09:00–12:00 and
-- 13:30–18:00, with the State Council's 2026 holidays and make-up working days (cn-2026.json; a
-- test keeps the two equal). Only into an empty table, so it never duplicates or overrides.
INSERT INTO "business_calendars" ("id", "name", "time_zone", "weekly", "holidays", "workdays", "make_up_weekday", "is_default")
SELECT gen_random_uuid(), '标准工作日历', 'Asia/Shanghai',
  '{"0":[],"1":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"2":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"3":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"4":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"5":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"6":[]}'::jsonb,
  '[
    {"date":"2026-01-01","name":"元旦"},
    {"date":"2026-01-02","name":"元旦"},
    {"date":"2026-01-03","name":"元旦"},
    {"date":"2026-02-15","name":"春节"},
    {"date":"2026-02-16","name":"春节"},
    {"date":"2026-02-17","name":"春节"},
    {"date":"2026-02-18","name":"春节"},
    {"date":"2026-02-19","name":"春节"},
    {"date":"2026-02-20","name":"春节"},
    {"date":"2026-02-21","name":"春节"},
    {"date":"2026-02-22","name":"春节"},
    {"date":"2026-02-23","name":"春节"},
    {"date":"2026-04-04","name":"清明节"},
    {"date":"2026-04-05","name":"清明节"},
    {"date":"2026-04-06","name":"清明节"},
    {"date":"2026-05-01","name":"劳动节"},
    {"date":"2026-05-02","name":"劳动节"},
    {"date":"2026-05-03","name":"劳动节"},
    {"date":"2026-05-04","name":"劳动节"},
    {"date":"2026-05-05","name":"劳动节"},
    {"date":"2026-06-19","name":"端午节"},
    {"date":"2026-06-20","name":"端午节"},
    {"date":"2026-06-21","name":"端午节"},
    {"date":"2026-09-25","name":"中秋节"},
    {"date":"2026-09-26","name":"中秋节"},
    {"date":"2026-09-27","name":"中秋节"},
    {"date":"2026-10-01","name":"国庆节"},
    {"date":"2026-10-02","name":"国庆节"},
    {"date":"2026-10-03","name":"国庆节"},
    {"date":"2026-10-04","name":"国庆节"},
    {"date":"2026-10-05","name":"国庆节"},
    {"date":"2026-10-06","name":"国庆节"},
    {"date":"2026-10-07","name":"国庆节"}
  ]'::jsonb,
  '[
    {"date":"2026-01-04","name":"元旦补班"},
    {"date":"2026-02-14","name":"春节补班"},
    {"date":"2026-02-28","name":"春节补班"},
    {"date":"2026-05-09","name":"劳动节补班"},
    {"date":"2026-09-20","name":"国庆节补班"},
    {"date":"2026-10-10","name":"国庆节补班"}
  ]'::jsonb,
  1, true
WHERE NOT EXISTS (SELECT 1 FROM "business_calendars");
