-- Of the given documents, those that exist in the source and are not secret, read now over a
-- read-only connection (writers/document-guard.ts). Only ids and the primary key are touched: the
-- source's current state is the newest truth there is about a document's secrecy. {table} is
-- incoming_document or outgoing_document, from the source contract, never from input.
select id from eoffice.{table} where id = any($1::bigint[]) and secrecy = 'none'
