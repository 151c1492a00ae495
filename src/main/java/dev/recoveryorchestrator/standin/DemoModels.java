package dev.recoveryorchestrator.standin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The stand-in's model files, real files as Routing ML's: {@code models/latest/model.pkl} and dated versions
 * {@code models/vYYYYMMDD/}. Each model is a real pickle (protocol 2, one string: what the model is and its
 * weights), so a Python load check would unpickle it, and loading it here checks its framing and length as
 * unpickling would: a zero-size or truncated file does not load; a byte flipped inside the weights does (only the
 * checksums catch that).
 * <p>
 * At the stand-in's first start it seeds two versions (see {@link #seed}). Run as a program it is also the demo's
 * load check ({@code load <file>}) and the demo's retrain ({@code train <dataset> <model-dir> <name>}, the runbook's
 * {@code python -m backend.cli.train_model data/training_dataset.csv --name emergency-retrain}), a separate OS
 * process the orchestrator runs as tracked background work.
 * <p>
 * Only JDK classes here: the stand-in runs with nothing on its class path but its own classes.
 */
public final class DemoModels {

    /** The file the stand-in loads, under its model folder. */
    public static final String LATEST_MODEL = "latest/model.pkl";
    static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("'v'yyyyMMdd");
    private static final int HEADER = 7;
    private static final int WEIGHT_LINES = 2000;

    private DemoModels() {
    }

    /**
     * At first start (no {@code latest/} yet): a version 40 days old without manifests (made before manifests
     * existed: the orchestrator writes them when it first sees it), a version 7 days old with {@code checksums.md5}
     * and {@code checksums.sha256} as a deployment leaves them, and {@code latest/}, a copy of the newer one.
     * A training dataset for the demo's retrain goes to {@code data/training_dataset.csv} beside the models.
     * {@code today}: in {@code recovery.time-zone}, the zone the orchestrator reads a version's date in.
     */
    public static void seed(Path modelDir, Path dataset, LocalDate today) throws IOException {
        if (Files.exists(modelDir.resolve("latest"))) {
            return;
        }
        Path older = modelDir.resolve(VERSION.format(today.minusDays(40)));
        Path newer = modelDir.resolve(VERSION.format(today.minusDays(7)));
        writeModel(older, older.getFileName().toString(), 1);
        writeModel(newer, newer.getFileName().toString(), 2);
        writeManifests(newer);
        Path latest = modelDir.resolve("latest");
        Files.createDirectories(latest);
        for (String name : List.of("model.pkl", "checksums.md5", "checksums.sha256")) {
            Files.copy(newer.resolve(name), latest.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dataset)) {
            Files.createDirectories(dataset.getParent());
            StringBuilder rows = new StringBuilder("item_code,process,minutes\n");
            Random random = new Random(5);
            for (int i = 0; i < 200; i++) {
                rows.append("ITEM-").append(1000 + i).append(",P").append(random.nextInt(12)).append(',')
                        .append(5 + random.nextInt(90)).append('\n');
            }
            Files.writeString(dataset, rows.toString(), StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code model.pkl} into {@code version} (a temporary file, then a rename). */
    static void writeModel(Path version, String name, long seed) throws IOException {
        Files.createDirectories(version);
        StringBuilder text = new StringBuilder("routing-model ").append(name).append('\n');
        Random random = new Random(seed);
        for (int i = 0; i < WEIGHT_LINES; i++) {
            text.append(String.format("w%04d=%.6f%n", i, random.nextGaussian()));
        }
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer pickle = ByteBuffer.allocate(HEADER + payload.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        pickle.put((byte) 0x80).put((byte) 2).put((byte) 'X').putInt(payload.length).put(payload).put((byte) '.');
        Path temporary = version.resolve(".model.pkl.writing");
        Files.write(temporary, pickle.array());
        Files.move(temporary, version.resolve("model.pkl"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** md5sum's and sha256sum's lines for the version's model, as a deployment writes them. */
    private static void writeManifests(Path version) throws IOException {
        byte[] model = Files.readAllBytes(version.resolve("model.pkl"));
        Files.writeString(version.resolve("checksums.md5"), hex("MD5", model) + "  model.pkl\n");
        Files.writeString(version.resolve("checksums.sha256"), hex("SHA-256", model) + "  model.pkl\n");
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads a model as unpickling would read it: PROTO 2, one BINUNICODE string of the length it announces, STOP.
     * Empty when it loads, else why not.
     */
    static Optional<String> loadProblem(Path file) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size < HEADER + 1) {
                return Optional.of("truncated (" + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // the header's seven bytes
            }
            ByteBuffer stop = ByteBuffer.allocate(1);
            channel.position(size - 1);
            channel.read(stop);
            if ((header.get(0) & 0xff) != 0x80 || header.get(2) != 'X') {
                return Optional.of("not a model pickle");
            }
            long announced = Integer.toUnsignedLong(header.getInt(3));
            if (announced + HEADER + 1 != size || stop.get(0) != '.') {
                return Optional.of("truncated (" + size + " bytes, pickle announces " + (announced + HEADER + 1) + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The {@code damage-model} switch: cuts the model file to half its size, as a disk or a copy that failed. */
    static void truncate(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
    }

    /**
     * {@code load <file>}: exit 0 when the model loads, 1 with {@code Failed to load model} otherwise.
     * {@code train <dataset> <model-dir> <name>}: reads the dataset, prints its progress and writes
     * {@code <model-dir>/<name>/model.pkl}; a model already there is kept beside it ({@code .replaced-<time>}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("load")) {
            Optional<String> problem = loadProblem(Path.of(args[1]));
            System.out.println(problem.map(why -> "Failed to load model: " + why).orElse("model loaded: " + args[1]));
            System.exit(problem.isPresent() ? 1 : 0);
        }
        if (args.length == 4 && args[0].equals("train")) {
            train(Path.of(args[1]), Path.of(args[2]), args[3]);
            return;
        }
        System.err.println("usage: DemoModels load <file> | train <dataset> <model-dir> <name>");
        System.exit(2);
    }

    private static void train(Path dataset, Path modelDir, String name) throws IOException, InterruptedException {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a model name: " + name);
        }
        long rows;
        try (InputStream in = Files.newInputStream(dataset)) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).count();
        }
        System.out.println("training " + name + " on " + dataset + " (" + rows + " rows)");
        for (int epoch = 1; epoch <= 5; epoch++) {
            Thread.sleep(200);
            System.out.println("epoch " + epoch + "/5");
        }
        Path version = modelDir.resolve(name);
        Path model = version.resolve("model.pkl");
        if (Files.exists(model)) {
            Files.move(model, version.resolve("model.pkl.replaced-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        }
        writeModel(version, name, rows);
        System.out.println("saved " + model);
    }
}
