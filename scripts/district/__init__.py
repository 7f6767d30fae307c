"""The demo district, 滨海市海新区 (a fictional district of a fictional city), as tables.

Each module holds one kind of table, in the users' terms: ``organisations`` (the department
tree), ``duties`` (权责清单), ``systems`` (信息系统普查), ``data_items`` (the data-item
dictionary and who is the authoritative source of each datum), ``resources`` (信息资源目录:
hand-written rows plus families generated from the other tables), ``demands`` (共享需求) and
``classification`` (the codes used). ``generate`` turns the tables into the Create requests of
``scripts/demo_catalogue.json``, which ``scripts/demo.py`` loads.

Nothing here imports grpc or a service: the tables are plain data, the generator needs only the
contract stubs and the catalogue's credit-code checksum.
"""
