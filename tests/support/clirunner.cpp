#include "clirunner.h"

#include <QProcess>
#include <QSignalSpy>

namespace ferry::test {

CliRun runCli(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(FERRY_CLI_PATH), arguments);

    CliRun run;
    if (!process.waitForStarted()) {
        run.err = "ferry-cli did not start: " + process.errorString().toUtf8();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();

    run.finished = finished.wait(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err += process.readAllStandardError();
    return run;
}

QString describe(const CliRun &run)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

} // namespace ferry::test
