package io.ado.controller.state;

import io.ado.controller.lease.LeaseDecision;
import io.ado.controller.lease.LeaseRow;
import io.ado.controller.lease.LeaseTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** The {@code leases} table (migration V2): one row locked with SELECT ... FOR UPDATE per step. */
public final class JdbcLeaseTable implements LeaseTable {
    private final DataSource db;
    private final String name;

    public JdbcLeaseTable(DataSource db, String name) {
        this.db = db;
        this.name = name;
    }

    @Override
    public LeaseDecision step(Function<LeaseRow, LeaseDecision> decide) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                LeaseRow row;
                try (PreparedStatement ps = c.prepareStatement("SELECT holder, url, fencing, expires_at FROM leases WHERE name=? FOR UPDATE")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new IllegalStateException("no lease row '" + name + "' (migration V2 missing?)");
                        row = new LeaseRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                    }
                }
                LeaseDecision d = decide.apply(row);
                LeaseRow next = switch (d) {
                    case LeaseDecision.Acquire a -> a.next();
                    case LeaseDecision.Renew r -> r.next();
                    case LeaseDecision.Follow f -> null;
                };
                if (next != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE leases SET holder=?, url=?, fencing=?, expires_at=? WHERE name=?")) {
                        ps.setString(1, next.holder());
                        ps.setString(2, next.url());
                        ps.setLong(3, next.fencing());
                        ps.setLong(4, next.expiresAt());
                        ps.setString(5, name);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return d;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("lease step", e);
        }
    }

    @Override
    public void release(String holder) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE leases SET expires_at=0 WHERE name=? AND holder=?")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("lease release", e);
        }
    }
}
