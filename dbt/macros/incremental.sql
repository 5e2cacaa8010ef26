{#- How the incremental models write (dbt/INCREMENTAL.md). The model's SQL ends in a CTE `derived`
    (its rows, _ingested_at last) and calls all_rows() on a full build, changed_rows(key) on an
    incremental run. Each row carries `_content`, a hash of everything but _ingested_at, so that a
    run can tell a row that changed from one it merely re-derived. -#}

{% macro all_rows() %}
select *, cityHash64(tuple(* except (_ingested_at))) as _content, toUInt64(toUnixTimestamp64Nano(now64(9))) as _version, toUInt8(0) as _is_deleted
from derived
{% endmacro %}

{#- An incremental run appends only what changed. Besides `derived` (the rows re-derived: every key
    of the changed rows that still exists), the model provides `held`: what its table holds, as read
    (FINAL), for the same changed rows, `* except (_version, _is_deleted)`, text blanked (a retired
    row keeps none; `_content` was computed with it). Per key (the table's order key):
      * a derived row whose `_content` equals the held one is not written again: re-deriving the
        lookback, a replayed batch or a change to a column the model does not keep writes nothing,
        so nothing downstream re-derives because of it;
      * a derived row that differs, or is new, is written with a newer _version;
      * a held row with no derived row is retired (_is_deleted = 1).
    `derived` is read once (a CTE named twice would be computed twice); the window functions run
    over the changed rows only. -#}
{% macro changed_rows(key) %}
select * except (_retired, _derived_rows, _same_rows),
       toUInt64(toUnixTimestamp64Nano(now64(9))) as _version, _retired as _is_deleted
from (
    select *,
           countIf(_retired = 0) over (partition by {{ key }}) as _derived_rows,
           count() over (partition by {{ key }}, _content) as _same_rows
    from (
        select *, cityHash64(tuple(* except (_ingested_at))) as _content, toUInt8(0) as _retired from derived
        union all
        select *, toUInt8(1) as _retired from held
    )
)
where if(_retired = 1, _derived_rows = 0, _same_rows = 1)
{% endmacro %}

{#- The rows a fact holds for its changed ids (the CTE `changed`), as a condition on its primary key
    `key` (`id`: the key's id column): the places those ids have, found without FINAL (every physical
    row, so a document's old place is among them), then read by primary-key ranges. By id with FINAL,
    ClickHouse would merge the keys of the whole fact (0.56 s against 0.21 s at scale 1). -#}
{% macro at_changed_places(key, id) %}
({{ key }}) in (select {{ key }} from {{ this }} where {{ id }} in (select id from changed))
{% endmacro %}

{#- Where a model picks up, from the build log (macros/model_builds.sql), as a _version (ns).
    A model that reads other models takes the END of the last build that ran it: every row its inputs
    wrote since has a newer _version (builds run one at a time, inputs first), whereas the model's
    own newest _version lags whenever a run changed nothing of it (changed_rows writes nothing then).
    A model that reads what ingest writes, concurrently with builds, takes the START of that build
    (less a margin, for an insert that had begun but was not yet visible). Not the newest
    `_ingested_at` the model holds: it stands still while what arrives leaves the model's rows as they
    are (a replay, a change to a column it does not keep), and every run would read again all that
    arrived since (measured at scale 1 under a steady load: 31,000 outgoing documents re-derived by a
    run with nothing new, 2 s). -#}
{#- (The log grows by a row per build: it is read from its end, in its order, not scanned whole.) -#}
{% macro last_build_end(model) %}
ifNull((select toUInt64(toUnixTimestamp64Nano(built_at)) from analytics._model_builds where has(models, '{{ model }}') order by built_at desc limit 1), toUInt64(0))
{% endmacro %}

{#- No build has run the model yet: the facts it feeds are built from scratch by this very build (a
    warehouse from before it must be rebuilt with --full-refresh, as the runner says), so nothing
    before now is needed; starting from 0 made the first build copy every id (9.6 s at scale 1). -#}
{% macro last_build_start(model) %}
ifNull((select toUInt64(toUnixTimestamp64Nano(built_at - toIntervalMillisecond(toInt64(seconds * 1000)))) from analytics._model_builds where has(models, '{{ model }}') order by built_at desc limit 1), toUInt64(toUnixTimestamp64Nano(now64(9))))
{% endmacro %}

{#- Where a model that reads what ingest writes picks up raw rows: from the start of the last build
    that ran it, less var('incremental_lookback_seconds') for an insert that had begun, but was not
    yet visible, when that build began. A DateTime64 to compare with `_ingested_at`. -#}
{% macro picked_up_since(model) %}
fromUnixTimestamp64Nano(toInt64({{ last_build_start(model) }}), 'UTC') - interval {{ var('incremental_lookback_seconds', '10') }} second
{% endmacro %}
