"""Rendering: records in, text out. Pure: nothing here reads or writes a file.

`markup` is the toolkit (escaping, front matter, links, dates); `catalogue` and `links` hold what
a page may refer to; then one module per page family (`report`, `compilation`, `browse`,
`compare`, `home`, `citations`, `feed`); `site` lists every generated file by its address.
"""
