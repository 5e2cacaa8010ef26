-- The current publication of the models (transform/src/build.ts): data_as_of, the newest watermark a
-- build vouched for, and the versions of the tables read together, from the latest build's row.
-- No row when nothing has been built.
select
    toUnixTimestamp64Milli(max(data_as_of)) as ms,
    argMax(published, build_id) as published
from analytics._model_builds
having count() > 0
