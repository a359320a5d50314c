#!/usr/bin/env bash
# Prepares PostgreSQL (14 or newer; tested on 15) for the 救助通 server: its role, its database,
# the one extension worth having, and the settings a county's server wants. Run it once, as a
# PostgreSQL superuser, on the database machine:
#   sudo -u postgres deploy/postgres-setup.sh
# Running it again changes nothing but the role's password (when given) and re-applies the settings.
# It prints the DATABASE_URL line for /etc/jiuzhu/jiuzhu.env. The server makes its own tables
# at its first start (and migrates them at each update): nothing else to load.
#
# Settings, all optional (environment variables):
#   JIUZHU_DB_NAME      database (default jiuzhu)          JIUZHU_DB_USER  role (default jiuzhu)
#   JIUZHU_DB_PASSWORD  the role's password; default: a new random one (40 hex digits), or,
#                       when the role exists, its password is left as it is
#   JIUZHU_DB_HOST      the host in the printed DATABASE_URL, as the server reaches PostgreSQL
#                       (default 127.0.0.1); its port is PGPORT's (default 5432)
#   JIUZHU_DB_LOCALE    the new database's locale (default C.UTF-8; C.utf8 on some systems)
#   JIUZHU_PG_SYSTEM=0  leave the cluster-wide settings (ALTER SYSTEM) alone — on a cluster shared
#                       with other applications, where its DBA sets them
#   PGHOST, PGPORT, PGUSER, …  how psql reaches the cluster as a superuser (default: the local
#                       socket as the current user — postgres under sudo -u postgres)
set -euo pipefail

db_name=${JIUZHU_DB_NAME:-jiuzhu}
db_user=${JIUZHU_DB_USER:-jiuzhu}
db_host=${JIUZHU_DB_HOST:-127.0.0.1}
db_locale=${JIUZHU_DB_LOCALE:-C.UTF-8}
db_port=${PGPORT:-5432}
system_settings=${JIUZHU_PG_SYSTEM:-1}
for name in "$db_name" "$db_user"; do
  if ! [[ $name =~ ^[a-z_][a-z0-9_]*$ ]]; then echo "database and role names: lower-case letters, digits and _ ($name)" >&2; exit 1; fi
done

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc "$@"; }
scalar() { psql_admin -At -d postgres -c "$1"; }

version=$(scalar 'SHOW server_version_num')
if [ "$version" -lt 140000 ]; then echo "PostgreSQL $(scalar 'SHOW server_version') is too old: 14 or newer" >&2; exit 1; fi
if [ "$(scalar 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" != t ]; then
  echo "run this as a PostgreSQL superuser (sudo -u postgres …)" >&2; exit 1
fi

role_exists=$(scalar "SELECT count(*) FROM pg_roles WHERE rolname = '$db_user'")
password=${JIUZHU_DB_PASSWORD:-}
generated=no
if [ -z "$password" ] && [ "$role_exists" = 0 ]; then
  # Hex digits only: it goes into a URL and a KEY=value file unquoted.
  password=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
  generated=yes
fi
if [ -n "$password" ] && ! [[ $password =~ ^[A-Za-z0-9._~-]+$ ]]; then
  echo "note: the password has characters that must be percent-encoded in DATABASE_URL" >&2
fi
quoted_password=${password//\'/\'\'}

# The password travels on psql's standard input, never on a command line (ps would show it).
{
  echo "SET password_encryption = 'scram-sha-256';"
  if [ "$role_exists" = 0 ]; then
    echo "CREATE ROLE $db_user LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '$quoted_password';"
  elif [ -n "$password" ]; then
    echo "ALTER ROLE $db_user LOGIN PASSWORD '$quoted_password';"
  fi
  # UTF8 whatever the cluster's default; template0, so the locale may differ from the template's.
  echo "SELECT 'CREATE DATABASE $db_name OWNER $db_user TEMPLATE template0 ENCODING ''UTF8'' LOCALE ''$db_locale''' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db_name') \\gexec"
  # Only its role connects; a transaction left open by a broken connection holds no locks for long.
  echo "REVOKE ALL ON DATABASE $db_name FROM PUBLIC;"
  echo "GRANT CONNECT, TEMPORARY ON DATABASE $db_name TO $db_user;"
  echo "ALTER DATABASE $db_name SET idle_in_transaction_session_timeout = '5min';"
  echo "\\connect $db_name"
  # The role owns the schema it creates its tables in, and nobody else may create there.
  echo "ALTER SCHEMA public OWNER TO $db_user;"
  echo "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
  # The server needs no extension. pg_stat_statements shows which statements cost the most
  # (their text with \$1 placeholders: no values); it counts once preloaded (below).
  echo "SELECT 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' WHERE EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') \\gexec"
} | psql_admin -d postgres

if [ "$system_settings" = 1 ]; then
  {
    # The values of a statement's parameters (names, ID numbers) never reach PostgreSQL's log,
    # not even with an error or a slow statement.
    echo "ALTER SYSTEM SET log_parameter_max_length = 0;"
    echo "ALTER SYSTEM SET log_parameter_max_length_on_error = 0;"
    # Slow statements (their text only) and lock waits in the log: where to look first.
    echo "ALTER SYSTEM SET log_min_duration_statement = '2s';"
    echo "ALTER SYSTEM SET log_lock_waits = on;"
    echo "ALTER SYSTEM SET password_encryption = 'scram-sha-256';"
    # A standby (README: "When one machine is not enough") needs the WAL to carry enough.
    echo "ALTER SYSTEM SET wal_level = 'replica';"
    # Preload pg_stat_statements only where nothing else is preloaded and the module is installed
    # (a missing library would stop PostgreSQL from starting).
    echo "SELECT 'ALTER SYSTEM SET shared_preload_libraries = ''pg_stat_statements''' WHERE current_setting('shared_preload_libraries') = '' AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') \\gexec"
    echo "SELECT pg_reload_conf();"
  } | psql_admin -d postgres >/dev/null
  sleep 1
  pending=$(scalar "SELECT string_agg(name, ', ') FROM pg_settings WHERE pending_restart")
  if [ -n "$pending" ]; then echo "restart PostgreSQL for these settings to take effect: $pending (systemctl restart postgresql)"; fi
fi

echo "PostgreSQL is ready for 救助通: database $db_name, role $db_user. In /etc/jiuzhu/jiuzhu.env:"
if [ -n "$password" ]; then
  echo "DATABASE_URL=postgres://$db_user:$password@$db_host:$db_port/$db_name"
  if [ "$generated" = yes ]; then echo "(a new password: it is shown this once)"; fi
else
  echo "DATABASE_URL=postgres://$db_user:<its password>@$db_host:$db_port/$db_name"
fi
