// ferry-bench-json: how fast Ferry pretty-prints large JSON bodies, and how much memory it
// takes, next to jq and Python's json.tool when they are installed.
//
// Each measurement runs in a fresh child process of this executable (or of the other tool), so
// the peak memory printed belongs to that one case. Nothing here asserts: the floors at the end
// are printed as PASS or BELOW for a person to read.

#include "core/json/formatter.h"
#include "core/json/jsonformatter.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace ferry::bench {

namespace {

constexpr qint64 kMegabyte = 1024 * 1024;
constexpr qint64 kChunkSize = kMegabyte; // what the streaming path feeds at a time

// A slow tool is not run again once its runs for one case have taken this long.
constexpr double kToolBudgetSeconds = 8.0;

constexpr double kFloorMegabytesPerSecond = 300.0;
constexpr double kFloorTimesJq = 10.0;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- Documents -------------------------------------------------------------------------------

// A small deterministic generator, so every run measures the same bytes.
class Random final {
public:
    quint32 next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(m_state >> 33);
    }
    quint32 below(quint32 limit) { return next() % limit; }

private:
    quint64 m_state = 0x5EED;
};

struct Shape {
    const char *name;
    const char *description;
};

constexpr Shape kShapes[] = {
    {"objects", "many small objects, as in a paged API listing"},
    {"strings", "long strings with escapes and non-ASCII text"},
    {"deep", "nested arrays thousands deep with a short text per level, repeated"},
};

// Many small records, each with the usual mix of numbers, strings, literals and a short array.
void appendObjects(std::string &out, Random &random, qint64 target)
{
    static const char *const kTags[] = {"alpha", "beta", "gamma", "delta", "admin", "beta-tester"};
    out += '[';
    for (qint64 id = 0; qint64(out.size()) < target; ++id) {
        if (id > 0)
            out += ',';
        const std::string n = std::to_string(id);
        out += "{\"id\":" + n + ",\"name\":\"user-" + n + "\",\"email\":\"user." + n
               + "@example.com\",\"active\":" + (random.below(2) ? "true" : "false")
               + ",\"score\":" + std::to_string(random.below(100000)) + "."
               + std::to_string(random.below(100)) + ",\"tags\":[\"" + kTags[random.below(6)]
               + "\",\"" + kTags[random.below(6)] + "\"],\"manager\":null}";
    }
    out += ']';
}

// Strings of a few kilobytes that mix plain text, every kind of escape and multi-byte UTF-8.
void appendStrings(std::string &out, Random &random, qint64 target)
{
    static const char *const kPieces[] = {
        "The quick brown fox jumps over the lazy dog. ",
        "Line one\\nLine two\\r\\n\\tindented ",
        "She said \\\"hello\\\" and left. ",
        "C:\\\\Users\\\\ferry\\\\request.json ",
        "caf\\u00e9 na\\u00efve \\u2603 \\ud83d\\ude00 ",
        "Gr\xC3\xBC\xC3\x9F"
        "e aus K\xC3\xB6ln, \xE2\x80\x94 ",
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9"
        "\xE3\x83\x88 ",
        "emoji \xF0\x9F\x98\x80\xF0\x9F\x9A\x80 and an escaped slash \\/ ",
        "{\\\"embedded\\\": [1, 2, 3], \\\"ok\\\": true} ",
    };
    constexpr int kPieceCount = int(std::size(kPieces));
    out += '[';
    for (bool first = true; qint64(out.size()) < target; first = false) {
        if (!first)
            out += ',';
        out += '"';
        const quint32 pieces = 40 + random.below(80);
        for (quint32 i = 0; i < pieces; ++i)
            out += kPieces[random.below(kPieceCount)];
        out += '"';
    }
    out += ']';
}

// Blocks of arrays nested `depth` levels deep. Each level holds a short text before the next
// level, so the nesting is exercised on every level without the output being nothing but
// indentation (which Ferry caps at kMaxIndentedDepth levels anyway).
void appendDeep(std::string &out, Random &random, qint64 target, int depth)
{
    out += '[';
    for (bool first = true; qint64(out.size()) < target; first = false) {
        if (!first)
            out += ',';
        for (int level = 0; level < depth; ++level) {
            out += "[\"level " + std::to_string(level) + " of " + std::to_string(depth)
                   + ": a short note about this node, with \\\"quotes\\\" and id "
                   + std::to_string(random.next()) + " (sum " + std::to_string(random.next())
                   + ") kept for the audit trail\",";
        }
        out += "null";
        out.append(std::size_t(depth), ']');
    }
    out += ']';
}

std::string generate(const QString &shape, qint64 bytes, int depth)
{
    std::string out;
    out.reserve(std::size_t(bytes + 2 * kMegabyte));
    Random random;
    if (shape == QLatin1String("objects"))
        appendObjects(out, random, bytes);
    else if (shape == QLatin1String("strings"))
        appendStrings(out, random, bytes);
    else
        appendDeep(out, random, bytes, depth);
    return out;
}

// ---- Child processes -------------------------------------------------------------------------

struct ChildResult {
    int exitCode = -1;
    double seconds = 0;
    qint64 peakKiB = 0;    // the child's peak resident set size
    std::string output;    // what the child wrote to stdout, when captured
    std::string errorLine; // the last line it wrote to stderr, which usually says why
};

// Runs program with arguments, waits for it and reports its wall clock time and peak memory.
// stdout is captured when captureOutput is set and discarded otherwise.
std::optional<ChildResult> runChild(const std::vector<std::string> &arguments, bool captureOutput,
                                    const QString &stderrPath)
{
    std::vector<char *> argv;
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);

    int pipeFds[2] = {-1, -1};
    if (captureOutput && pipe(pipeFds) != 0)
        return std::nullopt;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (captureOutput) {
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
        posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
    } else {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    }
    const QByteArray errorFile = QFile::encodeName(stderrPath);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorFile.constData(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);

    const auto start = Clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (captureOutput)
        close(pipeFds[1]);
    if (spawned != 0) {
        if (captureOutput)
            close(pipeFds[0]);
        return std::nullopt;
    }

    ChildResult result;
    if (captureOutput) {
        char buffer[4096];
        ssize_t count = 0;
        while ((count = read(pipeFds[0], buffer, sizeof buffer)) > 0)
            result.output.append(buffer, std::size_t(count));
        close(pipeFds[0]);
    }

    // wait4 reports this child's own usage, unlike RUSAGE_CHILDREN, which keeps the largest
    // peak of every child waited for so far.
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid)
        return std::nullopt;
    result.seconds = secondsSince(start);
    result.peakKiB = usage.ru_maxrss;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    QFile errors(stderrPath);
    if (errors.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = errors.readAll().trimmed().split('\n');
        result.errorLine = lines.last().trimmed().left(200).toStdString();
    }
    return result;
}

// ---- Measuring Ferry (in the child) ----------------------------------------------------------

qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// One formatting of the document held in memory, as Ferry's response view does it.
bool formatInMemory(const QByteArray &document)
{
    const json::FormatOutcome outcome = json::format(document);
    return !outcome.error && !outcome.text.isEmpty();
}

// One formatting fed from the file 1 MB at a time, as `ferry-cli format` does, with a sink that
// throws the text away; only the chunk and the formatter's own buffer are ever in memory.
bool formatStreaming(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return false;
    json::Formatter formatter;
    qint64 written = 0;
    formatter.setSink([&written](QByteArrayView text) { written += text.size(); });
    QByteArray chunk(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 count = file.read(chunk.data(), kChunkSize);
        if (count <= 0)
            break;
        if (!formatter.feed(QByteArrayView(chunk.constData(), count)))
            return false;
    }
    return formatter.finish() && written > 0;
}

// Child mode: --measure memory|stream FILE RUNS prints "seconds peak-KiB", the best run's time.
int measure(const QString &mode, const QString &path, int runs)
{
    QByteArray document;
    if (mode == QLatin1String("memory")) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        document = file.readAll();
    }

    double best = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const bool ok =
            mode == QLatin1String("memory") ? formatInMemory(document) : formatStreaming(path);
        const double seconds = secondsSince(start);
        if (!ok) {
            std::fprintf(stderr, "Ferry rejected %s\n", qPrintable(path));
            return 1;
        }
        best = run == 0 ? seconds : std::min(best, seconds);
    }
    std::printf("%.6f %lld\n", best, static_cast<long long>(peakResidentKiB()));
    return 0;
}

// ---- The report ------------------------------------------------------------------------------

struct Row {
    QString shape;
    qint64 sizeMB = 0;
    QString tool;
    std::optional<double> megabytesPerSecond; // nothing when the tool failed
    double peakMB = 0;
    QString note;
};

struct Settings {
    std::vector<qint64> sizesMB = {1, 10, 100};
    int runs = 3;
    bool keep = false;
    int depth = 2000;
};

std::optional<Settings> parseArguments(const QStringList &arguments)
{
    Settings settings;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (argument == QLatin1String("--keep")) {
            settings.keep = true;
        } else if (argument == QLatin1String("--sizes") && hasValue) {
            settings.sizesMB.clear();
            for (const QString &size : arguments.at(++i).split(u',', Qt::SkipEmptyParts)) {
                bool ok = false;
                const qint64 value = size.trimmed().toLongLong(&ok);
                if (!ok || value <= 0)
                    return std::nullopt;
                settings.sizesMB.push_back(value);
            }
            if (settings.sizesMB.empty())
                return std::nullopt;
        } else if (argument == QLatin1String("--runs") && hasValue) {
            bool ok = false;
            settings.runs = arguments.at(++i).toInt(&ok);
            if (!ok || settings.runs <= 0)
                return std::nullopt;
        } else if (argument == QLatin1String("--depth") && hasValue) {
            bool ok = false;
            settings.depth = arguments.at(++i).toInt(&ok);
            if (!ok || settings.depth <= 0)
                return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    return settings;
}

void printUsage()
{
    std::printf("usage: ferry-bench-json [--sizes 1,10,100] [--runs N] [--depth N] [--keep]\n"
                "  --sizes  document sizes in MB (default 1,10,100)\n"
                "  --runs   runs per case; the best one counts (default 3)\n"
                "  --depth  nesting depth of the deep shape (default 2000)\n"
                "  --keep   keep the generated documents and print where they are\n");
}

// Runs Ferry on one document in a fresh child of this executable.
Row measureFerry(const QString &mode, const QString &path, const QString &errorPath, int runs)
{
    Row row;
    row.tool =
        mode == QLatin1String("memory") ? QStringLiteral("ferry") : QStringLiteral("ferry stream");
    const std::string self = QCoreApplication::applicationFilePath().toStdString();
    const auto child =
        runChild({self, "--measure", mode.toStdString(), path.toStdString(), std::to_string(runs)},
                 true, errorPath);
    if (!child || child->exitCode != 0) {
        row.note = child ? QString::fromStdString(child->errorLine) : QStringLiteral("not run");
        return row;
    }
    double seconds = 0;
    long long peakKiB = 0;
    if (std::sscanf(child->output.c_str(), "%lf %lld", &seconds, &peakKiB) != 2) {
        row.note = QStringLiteral("unreadable result");
        return row;
    }
    row.megabytesPerSecond = double(QFileInfo(path).size()) / kMegabyte / seconds;
    row.peakMB = double(peakKiB) / 1024.0;
    return row;
}

// Runs another formatter on one document, output to /dev/null, best wall clock time of up to
// `runs` runs; the peak is the largest of the runs.
Row measureTool(const QString &name, const std::vector<std::string> &command, const QString &path,
                const QString &errorPath, int runs)
{
    Row row;
    row.tool = name;
    std::vector<std::string> arguments = command;
    arguments.push_back(path.toStdString());
    double best = 0;
    double spent = 0;
    for (int run = 0; run < runs && spent < kToolBudgetSeconds; ++run) {
        const auto child = runChild(arguments, false, errorPath);
        if (!child || child->exitCode != 0) {
            row.megabytesPerSecond.reset();
            row.note = child ? QStringLiteral("failed (exit %1): %2")
                                   .arg(child->exitCode)
                                   .arg(QString::fromStdString(child->errorLine))
                             : QStringLiteral("could not start");
            return row;
        }
        best = run == 0 ? child->seconds : std::min(best, child->seconds);
        spent += child->seconds;
        row.peakMB = std::max(row.peakMB, double(child->peakKiB) / 1024.0);
        row.megabytesPerSecond = double(QFileInfo(path).size()) / kMegabyte / best;
    }
    return row;
}

QString formatRate(const std::optional<double> &rate)
{
    return rate ? QString::number(*rate, 'f', 1) : QStringLiteral("-");
}

void printTable(const std::vector<Row> &rows)
{
    std::printf("\n%-8s %8s  %-17s %10s %10s  %s\n", "shape", "size", "tool", "MB/s", "peak MB",
                "");
    std::printf("%s\n", std::string(64, '-').c_str());
    for (const Row &row : rows) {
        std::printf("%-8s %5lld MB  %-17s %10s %10s  %s\n", qPrintable(row.shape),
                    static_cast<long long>(row.sizeMB), qPrintable(row.tool),
                    qPrintable(formatRate(row.megabytesPerSecond)),
                    row.megabytesPerSecond ? qPrintable(QString::number(row.peakMB, 'f', 1)) : "-",
                    qPrintable(row.note));
    }
}

const Row *findRow(const std::vector<Row> &rows, const QString &shape, qint64 sizeMB,
                   const QString &tool)
{
    for (const Row &row : rows) {
        if (row.shape == shape && row.sizeMB == sizeMB && row.tool == tool)
            return &row;
    }
    return nullptr;
}

// The floors apply to the largest documents measured (100 MB by default).
void printFloors(const std::vector<Row> &rows, qint64 sizeMB)
{
    std::printf("\nFloors on the %lld MB documents (Ferry >= %.0f MB/s and >= %.0fx jq):\n",
                static_cast<long long>(sizeMB), kFloorMegabytesPerSecond, kFloorTimesJq);
    for (const Shape &shape : kShapes) {
        const QString name = QLatin1String(shape.name);
        const Row *jq = findRow(rows, name, sizeMB, QStringLiteral("jq"));
        for (const QString &tool : {QStringLiteral("ferry"), QStringLiteral("ferry stream")}) {
            const Row *ferry = findRow(rows, name, sizeMB, tool);
            if (!ferry || !ferry->megabytesPerSecond)
                continue;
            const double rate = *ferry->megabytesPerSecond;
            std::printf("  %-8s %-13s %8.1f MB/s >= %.0f MB/s: %-5s", shape.name, qPrintable(tool),
                        rate, kFloorMegabytesPerSecond,
                        rate >= kFloorMegabytesPerSecond ? "PASS" : "BELOW");
            if (jq && jq->megabytesPerSecond) {
                const double times = rate / *jq->megabytesPerSecond;
                std::printf("   %6.1fx jq >= %.0fx: %s\n", times, kFloorTimesJq,
                            times >= kFloorTimesJq ? "PASS" : "BELOW");
            } else {
                std::printf("   vs jq: n/a (%s)\n",
                            jq ? qPrintable(jq->note.left(60)) : "jq not installed");
            }
        }
    }
}

int runBenchmark(const Settings &settings)
{
    QTemporaryDir directory(QDir::tempPath() + QStringLiteral("/ferry-bench-json-XXXXXX"));
    if (!directory.isValid()) {
        std::fprintf(stderr, "ferry-bench-json: cannot create a temporary directory\n");
        return 1;
    }
    directory.setAutoRemove(!settings.keep);
    const QString errorPath = directory.filePath(QStringLiteral("stderr.txt"));

    const bool haveJq = !QStandardPaths::findExecutable(QStringLiteral("jq")).isEmpty();
    const bool havePython = !QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty();
    std::printf("ferry-bench-json: best of %d runs; 'ferry' formats a document already in "
                "memory,\n'ferry stream' feeds it from the file in 1 MB chunks to a sink that "
                "discards.\nMB/s counts input bytes. jq: %s, python3 -m json.tool: %s.\n",
                settings.runs, haveJq ? "yes" : "not installed",
                havePython ? "yes" : "not installed");
    for (const Shape &shape : kShapes)
        std::printf("  %-8s %s\n", shape.name, shape.description);
    std::fflush(stdout);

    std::vector<Row> rows;
    for (const Shape &shape : kShapes) {
        for (const qint64 sizeMB : settings.sizesMB) {
            const QString name = QLatin1String(shape.name);
            const QString path =
                directory.filePath(QStringLiteral("%1-%2MB.json").arg(name).arg(sizeMB));
            {
                const std::string document = generate(name, sizeMB * kMegabyte, settings.depth);
                QFile file(path);
                if (!file.open(QIODevice::WriteOnly)
                    || file.write(document.data(), qint64(document.size()))
                           != qint64(document.size())) {
                    std::fprintf(stderr, "ferry-bench-json: cannot write %s\n", qPrintable(path));
                    return 1;
                }
            }
            std::fprintf(stderr, "measuring %s %lld MB...\n", shape.name,
                         static_cast<long long>(sizeMB));

            std::vector<Row> caseRows;
            caseRows.push_back(
                measureFerry(QStringLiteral("memory"), path, errorPath, settings.runs));
            caseRows.push_back(
                measureFerry(QStringLiteral("stream"), path, errorPath, settings.runs));
            if (haveJq)
                caseRows.push_back(
                    measureTool(QStringLiteral("jq"), {"jq", "."}, path, errorPath, settings.runs));
            if (havePython)
                caseRows.push_back(measureTool(QStringLiteral("python json.tool"),
                                               {"python3", "-m", "json.tool"}, path, errorPath,
                                               settings.runs));
            for (Row &row : caseRows) {
                row.shape = name;
                row.sizeMB = sizeMB;
                rows.push_back(row);
            }
            if (!settings.keep)
                QFile::remove(path);
        }
    }
    QFile::remove(errorPath);

    printTable(rows);
    printFloors(rows, *std::max_element(settings.sizesMB.begin(), settings.sizesMB.end()));
    if (settings.keep)
        std::printf("\nDocuments kept in %s\n", qPrintable(directory.path()));
    return 0;
}

} // namespace

} // namespace ferry::bench

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();

    if (arguments.size() == 5 && arguments.at(1) == QLatin1String("--measure"))
        return ferry::bench::measure(arguments.at(2), arguments.at(3), arguments.at(4).toInt());
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        ferry::bench::printUsage();
        return 0;
    }

    const auto settings = ferry::bench::parseArguments(arguments);
    if (!settings) {
        ferry::bench::printUsage();
        return 2;
    }
    return ferry::bench::runBenchmark(*settings);
}
