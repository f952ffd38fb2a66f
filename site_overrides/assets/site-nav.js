{#- A Jinja template MkDocs renders once per build (theme.static_templates in mkdocs.yml): the
    navigation sidebar of pages outside the navigation, which load this file in its place
    (main.html, block site_nav) instead of each carrying it (1.6 KB on tens of thousands of pages). -#}
{%- import "partials/language.html" as lang with context -%}
{%- set features = config.theme.features or [] -%}
{%- set sidebar -%}
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation">
<div class="md-sidebar__scrollwrap">
<div class="md-sidebar__inner">
{% include "partials/nav.html" %}
</div>
</div>
</div>
{%- endset -%}
// Material's navigation sidebar (partials/nav.html, as the pages in the navigation carry it), written
// where the script that loads this file stands, before Material's own script runs. Its links are
// written from assets/ ("../x.html"); they are rebased on the page's root, which the page's own
// address of this file gives ("../../assets/site-nav.js": "../../"), so they stay relative and work
// opened from disk and under any base path.
(function () {
  var script = document.currentScript;
  var root = script.getAttribute("src").replace(/assets\/site-nav\.js$/, "");
  var sidebar = {{ sidebar.split("\n") | map("trim") | reject("equalto", "") | join("\n") | tojson }};
  script.insertAdjacentHTML("beforebegin", sidebar.replace(/ href="\.\.\//g, ' href="' + root));
  script.remove();
})();
