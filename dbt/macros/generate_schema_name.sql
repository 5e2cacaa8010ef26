{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Every model goes to the schema it names (+schema: analytics), as is: dbt's default would
        prefix it with the target's schema (analytics_analytics), while the API, the portal and the
        reports read `analytics`, as the in-process runner builds it. -#}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
