-- One row per lease. The controller lease says which replica runs the control plane; `fencing`
-- grows on every takeover and every commit of the leader checks it, so a deposed leader cannot write.
CREATE TABLE leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    url        VARCHAR(500) NOT NULL,
    fencing    BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
INSERT INTO leases (name, holder, url, fencing, expires_at) VALUES ('controller', '', '', 0, 0);
