-- The best indexes we could give PostgreSQL for the KPI queries of the benchmark (bin/bench.ts),
-- so that the warehouse is compared with a fairly tuned source, not a bare one.
create index if not exists incoming_agency_received on eoffice.incoming_document (agency_id, received_at)
  include (status, completed_at, due_date, handled_on_system, channel) where secrecy = 'none';
create index if not exists incoming_agency_completed on eoffice.incoming_document (agency_id, completed_at)
  include (status, received_at, due_date) where secrecy = 'none' and status = 'completed';
create index if not exists incoming_open on eoffice.incoming_document (agency_id, received_at)
  include (completed_at, due_date) where secrecy = 'none' and status not in ('completed', 'withdrawn', 'returned');
create index if not exists outgoing_agency_issued on eoffice.outgoing_document (agency_id, issued_at)
  include (drafted_at, digitally_signed) where secrecy = 'none' and status = 'issued';
create index if not exists dispatch_outgoing on eoffice.dispatch (outgoing_id) include (sent_at, channel);
create index if not exists dispatch_sent on eoffice.dispatch (sent_at) include (outgoing_id, channel);
create index if not exists work_file_agency_opened on eoffice.work_file (agency_id, opened_at) include (electronic);
create index if not exists agency_parent on eoffice.agency (parent_id);
create index if not exists succession_predecessor on eoffice.agency_succession (predecessor_id) where is_primary;
