-- dixian: database and least-privilege role on an existing PostgreSQL server
-- (为 dixian 创建数据库和最小权限账号)
--
-- For operators who use the county's own PostgreSQL server. Not needed for the
-- embedded database (no database URL configured): the daemon creates that itself.
--
-- Run as a superuser on the database server, PostgreSQL 12 or later:
--
--   sudo -u postgres psql -v password='the-password' -f setup.sql
--
-- If the postgres user cannot read this file (a checkout under /root or a
-- home directory), let your shell open it instead:
--
--   sudo -u postgres psql -v password='the-password' < deploy/postgres/setup.sql
--
-- The value after password= is taken literally and quoted safely by psql
-- (any characters, including ' and spaces). Do NOT add inner SQL quotes, as in
-- password="'...'": they would become part of the password.
--
-- Without -v password=..., the role is created without a password and the
-- script tells you to set one with \password, which hashes it on the client
-- (nothing in shell history, process list or server log). That is the
-- safest way:
--
--   sudo -u postgres psql -f setup.sql
--   sudo -u postgres psql -c '\password dixian'
--
-- The script can be run again: it creates what is missing, sets the password
-- again if one is given, and re-applies every privilege below.
--
-- What the role can do: log in to database "dixian" only, create and change
-- objects in its own schema "dixian" (the daemon applies its own migrations),
-- use temporary tables (bulk imports stage rows with COPY). What it cannot
-- do: superuser, create databases or roles, replication, bypass row security,
-- create anything in schema public, connect to other databases (unless those
-- still grant CONNECT to PUBLIC, which is PostgreSQL's default: see the note at
-- the end).

\set ON_ERROR_STOP on
\set QUIET on

-- The password must not reach the server log, even with log_statement = 'all'.
SET log_statement = 'none';
SET log_min_duration_statement = -1;
SET password_encryption = 'scram-sha-256';

\if :{?password}
  SELECT length(:'password') >= 12 AS password_ok \gset
  \if :password_ok
  \else
    DO $$ BEGIN RAISE EXCEPTION 'setup.sql: the password must have at least 12 characters'; END $$;
  \endif
\endif

-- 1. Login role (登录账号) ---------------------------------------------------
SELECT 'CREATE ROLE dixian LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dixian') \gexec

-- Re-applied on every run, so an existing role is brought back to least
-- privilege. 20 connections: the daemon's pool plus headroom for a restart
-- that overlaps the old process; raise it if the pool size is raised.
ALTER ROLE dixian WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
  NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 20;

\if :{?password}
  ALTER ROLE dixian WITH PASSWORD :'password';
\endif

-- Unqualified names used by the daemon resolve to its own schema only.
ALTER ROLE dixian SET search_path TO dixian;

-- 2. Database (数据库) ------------------------------------------------------
-- Owned by the administrator, not by dixian: the role then cannot drop the
-- database, change its settings, or create other schemas in it.
-- UTF8 with the "C" locale works on every server whatever its own locale is,
-- and index order never changes when the operating system's collation
-- library is upgraded. The daemon does not rely on locale-specific sorting.
SELECT 'CREATE DATABASE dixian WITH OWNER = ' || quote_ident(current_user)
       || ' ENCODING = ''UTF8'' LC_COLLATE = ''C'' LC_CTYPE = ''C'' TEMPLATE = template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'dixian') \gexec

REVOKE ALL ON DATABASE dixian FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE dixian TO dixian;

-- 3. Schema (模式) ----------------------------------------------------------
\connect dixian
SET log_statement = 'none';

-- Nobody but the owner may create objects in public (the default before
-- PostgreSQL 15) or even look into it.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- The daemon owns its schema, so its migrations can create and alter tables,
-- indexes, functions and types there. It needs no extension; if a DBA adds
-- one, install it into this schema: CREATE EXTENSION ... SCHEMA dixian.
CREATE SCHEMA IF NOT EXISTS dixian AUTHORIZATION dixian;
ALTER SCHEMA dixian OWNER TO dixian;
REVOKE ALL ON SCHEMA dixian FROM PUBLIC;

\unset QUIET
\echo
\echo 'Done: role dixian, database dixian, schema dixian.'
\if :{?password}
\else
  \echo 'The role has no password yet. Set it with:'
  \echo '    sudo -u postgres psql -c ''\\password dixian'''
\endif
\echo 'Then allow it in pg_hba.conf, for example (one line, TLS only):'
\echo '    hostssl  dixian  dixian  10.1.2.3/32  scram-sha-256'
\echo 'and reload the server: sudo systemctl reload postgresql'
\echo 'Other databases still allow CONNECT to PUBLIC unless you revoke it:'
\echo '    REVOKE CONNECT ON DATABASE <name> FROM PUBLIC;'
