-- Plain SQL that H2 and PostgreSQL both accept. Times are epoch milliseconds.
-- `version` on tasks and workers is the optimistic lock: UPDATE ... WHERE id = ? AND version = ?.
CREATE TABLE workers (
    id             VARCHAR(200) PRIMARY KEY,
    hostname       VARCHAR(255) NOT NULL,
    capabilities   VARCHAR(4000) NOT NULL,
    cpus           INT NOT NULL,
    memory_bytes   BIGINT NOT NULL,
    access_mode    VARCHAR(64),
    provider       VARCHAR(64),
    slots          INT NOT NULL,
    status         VARCHAR(16) NOT NULL,
    registered_at  BIGINT NOT NULL,
    last_heartbeat BIGINT NOT NULL,
    version        BIGINT NOT NULL
);

CREATE TABLE tasks (
    id          VARCHAR(64) PRIMARY KEY,
    spec        VARCHAR(200000) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    attempt     INT NOT NULL,
    max_retries INT NOT NULL,
    worker_id   VARCHAR(200),
    exit_code   INT,
    error       VARCHAR(4000),
    created_at  BIGINT NOT NULL,
    started_at  BIGINT,
    finished_at BIGINT,
    version     BIGINT NOT NULL
);
CREATE INDEX tasks_status ON tasks (status);
CREATE INDEX tasks_created ON tasks (created_at);

-- attempt is the fencing number: only the task's current attempt may change it.
CREATE TABLE attempts (
    task_id     VARCHAR(64) NOT NULL,
    attempt     INT NOT NULL,
    worker_id   VARCHAR(200) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    exit_code   INT,
    error       VARCHAR(4000),
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    PRIMARY KEY (task_id, attempt)
);

-- seq is task-wide (assigned by the controller); worker_seq is the worker's per-attempt number, kept to drop resends.
CREATE TABLE output_chunks (
    task_id    VARCHAR(64) NOT NULL,
    seq        BIGINT NOT NULL,
    attempt    INT NOT NULL,
    worker_seq BIGINT NOT NULL,
    stream     VARCHAR(6) NOT NULL,
    data       VARCHAR(1000000) NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (task_id, seq)
);
