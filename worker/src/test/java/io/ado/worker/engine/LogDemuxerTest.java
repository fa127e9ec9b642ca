package io.ado.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.OutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDemuxerTest {
    record Piece(OutputStream stream, String text) {}

    final List<Piece> pieces = new ArrayList<>();

    static byte[] frame(int type, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) type, 0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16), (byte) (p.length >>> 8), (byte) p.length});
        out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    String text(OutputStream s) {
        return String.join("", pieces.stream().filter(p -> p.stream == s).map(Piece::text).toList());
    }

    @Test
    void withoutATtyFramesAreSplitByStream() {
        LogDemuxer d = new LogDemuxer(false, (s, t) -> pieces.add(new Piece(s, t)));
        byte[] all = concat(frame(1, "hi\n"), frame(2, "oops\n"), frame(1, "bye\n"));
        d.feed(all, 0, all.length);
        d.finish();
        assertThat(pieces).containsExactly(new Piece(OutputStream.STDOUT, "hi\n"), new Piece(OutputStream.STDERR, "oops\n"),
                new Piece(OutputStream.STDOUT, "bye\n"));
    }

    @Test
    void framesAndCharactersCutAnywhereArePutTogether() {
        LogDemuxer d = new LogDemuxer(false, (s, t) -> pieces.add(new Piece(s, t)));
        String big = "ž".repeat(300) + "\n"; // two bytes each: cuts fall inside characters
        byte[] all = concat(frame(1, "příliš "), frame(2, "žluťoučký\n"), frame(1, big), frame(1, ""));
        for (int i = 0; i < all.length; i++) d.feed(all, i, 1); // one byte at a time: headers cut too
        d.finish();
        assertThat(text(OutputStream.STDOUT)).isEqualTo("příliš " + big);
        assertThat(text(OutputStream.STDERR)).isEqualTo("žluťoučký\n");
        assertThat(pieces).allSatisfy(p -> assertThat(p.text()).doesNotContain("\uFFFD"));
    }

    @Test
    void withATtyTheBytesAreStdoutAsTheyAreEvenWhenTheyLookLikeAHeader() {
        LogDemuxer d = new LogDemuxer(true, (s, t) -> pieces.add(new Piece(s, t)));
        byte[] looksFramed = frame(2, "not stderr");
        d.feed(looksFramed, 0, looksFramed.length);
        d.finish();
        assertThat(pieces).extracting(Piece::stream).containsOnly(OutputStream.STDOUT);
        assertThat(text(OutputStream.STDOUT)).endsWith("not stderr").hasSize(8 + "not stderr".length());
    }

    @Test
    void aCharacterCutByTheEndOfTheStreamBecomesAReplacementCharacter() {
        LogDemuxer d = new LogDemuxer(false, (s, t) -> pieces.add(new Piece(s, t)));
        byte[] f = frame(1, "aé");
        d.feed(f, 0, f.length - 1); // the stream ends inside the é
        assertThat(text(OutputStream.STDOUT)).isEqualTo("a");
        d.finish();
        assertThat(text(OutputStream.STDOUT)).isEqualTo("a\uFFFD");
    }

    @Test
    void aSecondFetchOfTheSameLogResumesWhereTheTextStoppedStreamByStream() {
        byte[] all = concat(frame(1, "one\n"), frame(2, "err-é\n"), frame(1, "two ž\n"), frame(1, "three\n"));
        LogDemuxer first = new LogDemuxer(false, (s, t) -> pieces.add(new Piece(s, t)));
        int cut = all.length - 9 - 7; // inside "two ž": in the middle of the ž
        first.feed(all, 0, cut);
        LogDemuxer rest = first.resumedAfter(); // the first fetch is abandoned, its cut character never shown
        rest.feed(all, 0, all.length);
        rest.finish();
        assertThat(text(OutputStream.STDOUT)).isEqualTo("one\ntwo ž\nthree\n");
        assertThat(text(OutputStream.STDERR)).isEqualTo("err-é\n");
    }
}
