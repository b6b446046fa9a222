package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Structural, on purpose: an early-exit comparison ({@code Arrays.equals}) gives the same answers as a
 * constant-time one ({@code MessageDigest.isEqual}), and a timing measurement in a unit test would be
 * flaky, so no behavioural test can tell them apart. Instead this reads the methods {@link PinHasher}'s
 * compiled class calls (its constant pool, so comments and strings cannot fool it) and requires that the
 * only comparison it can make is {@code MessageDigest.isEqual}.
 */
class PinHasherConstantTimeTest {

    /** A method a class refers to: owner in internal form, name, descriptor. */
    record MethodRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner + "." + name + descriptor;
        }
    }

    @Test
    void hashesAreComparedWithMessageDigestIsEqual() throws IOException {
        assertThat(methodsCalledBy(PinHasher.class))
                .contains(new MethodRef("java/security/MessageDigest", "isEqual", "([B[B)Z"));
    }

    @Test
    void noEarlyExitComparisonIsReachableFromPinHasher() throws IOException {
        List<MethodRef> calls = methodsCalledBy(PinHasher.class);
        assertThat(calls)
                .as("no equals/compare/mismatch of any kind")
                .noneMatch(m -> m.name().equals("equals")
                        || m.name().equals("compare")
                        || m.name().equals("compareUnsigned")
                        || m.name().equals("mismatch")
                        || m.name().equals("contentEquals"));
        assertThat(calls)
                .as("the only method that takes two byte arrays and answers a boolean is MessageDigest.isEqual")
                .filteredOn(m ->
                        m.descriptor().startsWith("([B[B") && m.descriptor().endsWith(")Z"))
                .containsOnly(new MethodRef("java/security/MessageDigest", "isEqual", "([B[B)Z"));
    }

    @Test
    void theReaderSeesAnEarlyExitComparisonWhereThereIsOne() throws IOException {
        // guards the test itself: a class that does compare with Arrays.equals is caught
        assertThat(methodsCalledBy(EarlyExit.class)).contains(new MethodRef("java/util/Arrays", "equals", "([B[B)Z"));
    }

    private static final class EarlyExit {
        @SuppressWarnings("unused")
        static boolean same(byte[] a, byte[] b) {
            return java.util.Arrays.equals(a, b);
        }
    }

    /** Every {@code Methodref} and {@code InterfaceMethodref} in the class file's constant pool. */
    static List<MethodRef> methodsCalledBy(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream raw = type.getResourceAsStream(resource)) {
            assertThat(raw).as(resource).isNotNull();
            DataInputStream in = new DataInputStream(raw);
            assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            Map<Integer, String> utf8 = new HashMap<>();
            Map<Integer, Integer> classes = new HashMap<>();
            Map<Integer, int[]> nameAndTypes = new HashMap<>();
            List<int[]> methodRefs = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.put(i, in.readUTF());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // longs and doubles take two slots
                    }
                    case 7 -> classes.put(i, in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 10, 11 -> methodRefs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                    case 9, 17, 18 -> in.readInt();
                    case 12 -> nameAndTypes.put(i, new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalStateException("Unknown constant pool tag " + tag + " in " + resource);
                }
            }
            List<MethodRef> result = new ArrayList<>();
            for (int[] ref : methodRefs) {
                int[] nameAndType = nameAndTypes.get(ref[1]);
                result.add(new MethodRef(
                        utf8.get(classes.get(ref[0])), utf8.get(nameAndType[0]), utf8.get(nameAndType[1])));
            }
            return result;
        }
    }
}
