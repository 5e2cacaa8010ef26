-- No document whose secrecy is not 'none' may be in the warehouse, in any version.
select id from {{ source('eoffice_raw', 'incoming_document') }} where secrecy not in ('none', '')
union all
select id from {{ source('eoffice_raw', 'outgoing_document') }} where secrecy not in ('none', '')
