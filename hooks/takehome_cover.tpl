{# Bìa của bản in / bản PDF (plugin print-site, xem mkdocs.yml và hooks/takehome.py). #}
<div>
    <h1>{{ config.site_name }}</h1>
    <p>{{ config.site_description }}</p>
</div>
<table>
    <tr><td>Trang web</td><td><a href="{{ config.site_url }}">{{ config.site_url }}</a></td></tr>
    <tr><td>Mã nguồn</td><td><a href="{{ config.repo_url }}">{{ config.repo_url }}</a></td></tr>
    <tr><td>Giấy phép</td><td>{{ config.copyright }}</td></tr>
</table>
