-- custval.extension_version(): shows in any client which custval extension is loaded.
create or replace macro extension_version() as 'custval extension, C API v1.2.0';
