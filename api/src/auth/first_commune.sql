-- The commune the demo's clerk account belongs to: the first commune (by code) that exists today.
select code from analytics.dim_agency where kind = 'commune' and valid_to is null order by code limit 1
