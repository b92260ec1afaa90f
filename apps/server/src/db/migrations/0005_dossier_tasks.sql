-- Open inter-agency tasks (liên thông), projected from the dossier history so that queues and
-- access checks can find "dossiers my agency holds a task on" with an index.

CREATE TABLE dossier_open_tasks (
  task_id uuid PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id),
  unit_id bigint NOT NULL REFERENCES units (id),
  task text NOT NULL,
  due_at timestamptz NOT NULL,
  opened_at timestamptz NOT NULL
);
CREATE INDEX dossier_open_tasks_unit ON dossier_open_tasks (unit_id, due_at);
CREATE INDEX dossier_open_tasks_dossier ON dossier_open_tasks (dossier_id);
COMMENT ON TABLE dossier_open_tasks IS 'Tasks another agency currently holds on a dossier; written with the forwarded action, removed with task_completed, withdrawn or stopped.';
COMMENT ON COLUMN dossier_open_tasks.task_id IS 'Task identifier (from the forwarded action).';
COMMENT ON COLUMN dossier_open_tasks.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_open_tasks.unit_id IS 'Agency holding the task.';
COMMENT ON COLUMN dossier_open_tasks.task IS 'What the agency is asked to do.';
COMMENT ON COLUMN dossier_open_tasks.due_at IS 'Deadline of the task.';
COMMENT ON COLUMN dossier_open_tasks.opened_at IS 'When the task was given.';

CREATE INDEX dossiers_due_active ON dossiers (due_at) WHERE status IN ('processing', 'pending_approval');
