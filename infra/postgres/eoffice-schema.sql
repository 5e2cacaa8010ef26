-- Reference schema of the city's e-office database (shared/spec/source-contract.md).
-- The warehouse only reads it; this DDL exists so the simulator, the tests and a demo
-- deployment have a real source to write into. Every table is REPLICA IDENTITY FULL so that
-- deletes and updates carry the whole old row through logical replication.

create schema if not exists eoffice;
set search_path = eoffice;

create table if not exists agency (
  id              bigint primary key,
  code            text not null unique,            -- mã định danh
  name            text not null,
  short_name      text not null,
  kind            text not null check (kind in ('city', 'department', 'district', 'commune', 'other')),
  parent_id       bigint null references agency (id),
  admin_unit_code text null,                       -- GSO code; reused across reorganisations
  valid_from      date not null,
  valid_to        date null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);

create table if not exists agency_succession (
  id              bigint primary key,
  predecessor_id  bigint not null references agency (id),
  successor_id    bigint not null references agency (id),
  effective_date  date not null,
  is_primary      boolean not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);

create table if not exists org_unit (
  id              bigint primary key,
  agency_id       bigint not null references agency (id),
  name            text not null,
  parent_unit_id  bigint null references org_unit (id),
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);

create table if not exists staff (
  id              bigint primary key,
  agency_id       bigint not null references agency (id),
  unit_id         bigint null references org_unit (id),
  full_name       text not null,
  position        text not null,                   -- chức vụ
  role            text not null check (role in ('leader', 'specialist', 'clerk')),
  active          boolean not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);

create table if not exists incoming_document (
  id                bigint primary key,
  agency_id         bigint not null references agency (id),
  reg_number        int not null,                  -- số đến
  received_at       timestamptz not null,          -- ngày đến
  source_notation   text not null,
  doc_type          text not null,
  issuer_code       text null,
  issuer_name       text not null,
  issued_date       date not null,
  summary           text not null,                 -- trích yếu
  urgency           text not null check (urgency in ('normal', 'urgent', 'very_urgent', 'flash')),
  secrecy           text not null check (secrecy in ('none', 'confidential', 'secret', 'top_secret')),
  channel           text not null check (channel in ('internal', 'national_axis', 'email', 'paper')),
  due_date          date null,                     -- hạn giải quyết (current)
  status            text not null check (status in ('registered', 'assigned', 'in_progress', 'completed', 'returned', 'withdrawn')),
  handled_on_system boolean not null,
  completed_at      timestamptz null,
  from_dispatch_id  bigint null,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
);

create table if not exists outgoing_document (
  id                bigint primary key,
  agency_id         bigint not null references agency (id),
  number            int null,                      -- số, null until issued
  notation          text not null,                 -- ký hiệu
  doc_type          text not null,
  summary           text not null,
  drafting_unit_id  bigint not null references org_unit (id),
  drafter_id        bigint not null references staff (id),
  signer_id         bigint not null references staff (id),
  drafted_at        timestamptz not null,
  signed_at         timestamptz null,
  issued_at         timestamptz null,
  digitally_signed  boolean not null,
  urgency           text not null check (urgency in ('normal', 'urgent', 'very_urgent', 'flash')),
  secrecy           text not null check (secrecy in ('none', 'confidential', 'secret', 'top_secret')),
  status            text not null check (status in ('draft', 'in_review', 'signed', 'issued', 'recalled')),
  replies_to_id     bigint null,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
);

create table if not exists dispatch (
  id                  bigint primary key,
  outgoing_id         bigint not null references outgoing_document (id),
  recipient_agency_id bigint null references agency (id),
  recipient_code      text not null,
  recipient_name      text not null,
  channel             text not null check (channel in ('internal', 'national_axis', 'email', 'paper')),
  sent_at             timestamptz not null,
  status              text not null check (status in ('01', '02', '03', '04', '05', '06', '13', '15')),
  status_at           timestamptz not null,
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);

create table if not exists assignment (
  id                bigint primary key,
  incoming_id       bigint not null references incoming_document (id) on delete cascade,
  assigned_by       bigint not null references staff (id),
  assignee_unit_id  bigint null references org_unit (id),
  assignee_staff_id bigint null references staff (id),
  role              text not null check (role in ('lead', 'support', 'info')),
  assigned_at       timestamptz not null,
  due_date          date null,
  status            text not null check (status in ('pending', 'in_progress', 'done', 'returned')),
  completed_at      timestamptz null,
  parent_id         bigint null references assignment (id) on delete cascade,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
);

create table if not exists deadline_extension (
  id            bigint primary key,
  incoming_id   bigint not null references incoming_document (id) on delete cascade,
  previous_due  date not null,
  new_due       date not null,
  approved_by   bigint not null references staff (id),
  approved_at   timestamptz not null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);

create table if not exists processing_log (
  id           bigint primary key,
  incoming_id  bigint null references incoming_document (id) on delete cascade,
  outgoing_id  bigint null references outgoing_document (id),
  actor_id     bigint not null references staff (id),
  action       text not null check (action in ('register', 'submit', 'assign', 'forward', 'comment', 'extend',
                                                'complete', 'return', 'withdraw', 'draft', 'review', 'sign', 'issue', 'send')),
  at           timestamptz not null,
  note         text null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null
);

create table if not exists work_file (
  id               bigint primary key,
  agency_id        bigint not null references agency (id),
  code             text not null,
  title            text not null,
  owner_id         bigint not null references staff (id),
  opened_at        timestamptz not null,
  closed_at        timestamptz null,
  retention_years  int null,                       -- null = permanent
  electronic       boolean not null,
  archived_at      timestamptz null,               -- nộp lưu
  created_at       timestamptz not null,
  updated_at       timestamptz not null
);

create table if not exists work_file_item (
  id            bigint primary key,
  work_file_id  bigint not null references work_file (id),
  incoming_id   bigint null references incoming_document (id) on delete cascade,
  outgoing_id   bigint null references outgoing_document (id),
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);

alter table agency             replica identity full;
alter table agency_succession  replica identity full;
alter table org_unit           replica identity full;
alter table staff              replica identity full;
alter table incoming_document  replica identity full;
alter table outgoing_document  replica identity full;
alter table dispatch           replica identity full;
alter table assignment         replica identity full;
alter table deadline_extension replica identity full;
alter table processing_log     replica identity full;
alter table work_file          replica identity full;
alter table work_file_item     replica identity full;

-- The publication is ours, not the connector's: its row filter keeps documents whose secrecy is
-- not 'none' inside the source (PostgreSQL 15+). With REPLICA IDENTITY FULL an update that makes
-- a document secret is published as a delete, and one that clears it as an insert.
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'eoffice') then
    create publication eoffice for table
      agency, agency_succession, org_unit, staff,
      incoming_document where (secrecy = 'none'),
      outgoing_document where (secrecy = 'none'),
      dispatch, assignment, deadline_extension, processing_log, work_file, work_file_item
      with (publish = 'insert, update, delete, truncate');
  end if;
end
$$;
