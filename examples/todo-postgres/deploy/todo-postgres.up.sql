-- Schema of the todo-postgres todo-api starter for psql-based deploys
-- (scripts/apply-deploy-migrations.sh). The same schema as
-- migrations/20260402120000_create_todos.mpl; every statement is
-- idempotent, and _mesh_migrations is not touched.
SET client_min_messages = warning;

BEGIN;

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS todos (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  title TEXT NOT NULL,
  completed BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_todos_created_at ON todos (created_at DESC);

COMMIT;
