-- Of the given documents, those the warehouse holds, alive and not secret (a secret document is at
-- most a field-less tombstone there). Used when the stream itself is complete and in order (the
-- simulator's), so that a document is always written before its children. {table} is
-- incoming_document or outgoing_document, from the source contract, never from input.
select id from eoffice_raw.{table} final
where id in {ids:Array(Int64)} and _is_deleted = 0 and secrecy = 'none'
