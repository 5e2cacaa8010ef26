-- Every person's subscription as it stands: the newest row of each (unsubscribed ones included,
-- with active = 0).
select subscriber, name, email, agency, active, toString(updated_at) as updated_at
from vanban_digest.subscription final
where {subscriber:Nullable(String)} is null or subscriber = {subscriber:Nullable(String)}
order by subscriber
