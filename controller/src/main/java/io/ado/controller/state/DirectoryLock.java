package io.ado.controller.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dir>/ado.lock}, held while an embedded store is open, so two
 * controllers never write one data directory. The OS releases it when the process ends, however it ends.
 */
final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException when another process (or store in this one) holds it */
    static DirectoryLock acquire(Path dir) {
        Path file = dir.toAbsolutePath().resolve("ado.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) throw inUse(dir);
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw inUse(dir);
        } catch (IOException e) {
            close(channel);
            throw new IllegalStateException("cannot lock the data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("the data directory " + dir.toAbsolutePath() + " is in use by another controller");
    }

    private static void close(FileChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
