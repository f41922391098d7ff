-- ===== Custom SQL (drizzle-kit generates none of this; re-apply as is if the migration is renumbered) =====
-- PostgreSQL's JIT compilation for the app's database off (decision 0043). The pages' statements
-- read a few index rows each, but where the planner over-estimates a filter (the overview's couples
-- moving apart, 50,000 clients, half of them in a hard season) their cost passes jit_above_cost and
-- each execution compiled code for 9 ms to run 0.5 ms of work. Set on the database, so it holds for
-- every role and through a pooler (no startup parameter); it applies to connections opened after
-- this. Where the migrating role may not alter the database, the migration goes on and says so:
-- run `alter database <name> set jit = off` as its owner (README "Scaling"). A server built without
-- JIT (the embedded PGlite) has nothing to turn off.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'jit left as it is (%): run "alter database % set jit = off" as the database owner', SQLERRM, current_database();
END
$$;
