-- data_as_of: the newest watermark a build vouched for (transform/src/build.ts). The log grows by a
-- row per build, so only its last 10,000 builds are read, from its end in its order: data_as_of only
-- grows, and some build among them vouched. `build`: the newest build, whatever it vouched for (a
-- calendar file is built into the models without moving data_as_of). No row when nothing has been built.
select toUnixTimestamp64Milli(max(data_as_of)) as ms, toString(max(build_id)) as build
from (select data_as_of, build_id from analytics._model_builds order by built_at desc limit 10000)
having count() > 0
