#include "ui/codeview.h"
#include "ui/responseview.h"

#include "core/json/jsonformatter.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace ferry;

class TestResponseView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusIsColouredByClass_data();
    void statusIsColouredByClass();
    void showsTimeSizeAndVersion();
    void sizesReadAsPeopleReadThem_data();
    void sizesReadAsPeopleReadThem();
    void prettyPrintsJsonWithFoldingAndLineNumbers();
    void plainTextIsShownUnchanged();
    void invalidJsonIsShownAsReceivedWithNote();
    void binaryBodyIsNotDumpedAsText();
    void listsResponseHeadersInOrder();
    void tlsFailureExplainsCertificate();
    void largeBodyIsFormattedInTheBackground();
    void olderLargeBodyNeverReplacesNewerResponse();
    void deeplyNestedJsonKeepsWindowResponsive();

private:
    template <typename T> T *named(const QString &name) const
    {
        T *widget = m_view->findChild<T *>(name);
        if (!widget)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }
    CodeView *body() const { return named<CodeView>(QStringLiteral("responseBody")); }
    QLabel *note() const { return named<QLabel>(QStringLiteral("responseNoteLabel")); }

    std::unique_ptr<ResponseView> m_view;
};

namespace {

Response jsonResponse(const QByteArray &body, const QByteArray &type = "application/json")
{
    Response response;
    response.statusCode = 200;
    response.reason = QStringLiteral("OK");
    response.httpVersion = QStringLiteral("HTTP/1.1");
    response.headers = {{"Content-Type", type}};
    response.body = body;
    response.timings.totalMs = 12;
    return response;
}

// True when some pixel of the image is close to colour: the label really draws in it.
bool drawsInColour(const QImage &image, const QColor &colour)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - colour.red()) + qAbs(pixel.green() - colour.green())
                    + qAbs(pixel.blue() - colour.blue())
                < 40)
                return true;
        }
    }
    return false;
}

QByteArray largeJson()
{
    QByteArray out = "[";
    for (int i = 0; i < 20000; ++i) {
        if (i)
            out += ',';
        out += R"({"id":)" + QByteArray::number(i) + R"(,"name":"item )" + QByteArray::number(i)
               + R"("})";
    }
    return out + "]";
}

} // namespace

void TestResponseView::init()
{
    m_view = std::make_unique<ResponseView>();
    m_view->resize(700, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestResponseView::cleanup()
{
    m_view.reset();
    QThreadPool::globalInstance()->waitForDone();
}

void TestResponseView::statusIsColouredByClass_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("statusClass");
    QTest::addColumn<QColor>("colour");
    QTest::newRow("2xx green") << 204 << "204 No Content"
                               << "success" << QColor("#2e7d32");
    QTest::newRow("3xx blue") << 301 << "301 Moved Permanently"
                              << "redirect" << QColor("#1565c0");
    QTest::newRow("4xx orange") << 404 << "404 Not Found"
                                << "client-error" << QColor("#e65100");
    QTest::newRow("5xx red") << 503 << "503 Service Unavailable"
                             << "server-error" << QColor("#c62828");
}

void TestResponseView::statusIsColouredByClass()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QString, statusClass);
    QFETCH(QColor, colour);

    Response response = jsonResponse("{}");
    response.statusCode = code;
    // HTTP/2 has no reason phrase; the view supplies the standard one.
    response.reason.clear();
    m_view->showResponse(response);

    auto *status = named<QLabel>(QStringLiteral("statusLabel"));
    QCOMPARE(status->text(), text);
    QCOMPARE(status->property("statusClass").toString(), statusClass);
    QVERIFY(drawsInColour(status->grab().toImage(), colour));
}

void TestResponseView::showsTimeSizeAndVersion()
{
    Response response = jsonResponse(QByteArray(1536, 'x'), "text/plain");
    response.timings.totalMs = 1234;
    response.httpVersion = QStringLiteral("HTTP/2");
    m_view->showResponse(response);

    QCOMPARE(named<QLabel>(QStringLiteral("timeLabel"))->text(), QStringLiteral("1.23 s"));
    QCOMPARE(named<QLabel>(QStringLiteral("sizeLabel"))->text(), QStringLiteral("1.5 KB"));
    QCOMPARE(named<QLabel>(QStringLiteral("httpVersionLabel"))->text(), QStringLiteral("HTTP/2"));

    response.timings.totalMs = 85;
    m_view->showResponse(response);
    QCOMPARE(named<QLabel>(QStringLiteral("timeLabel"))->text(), QStringLiteral("85 ms"));
}

void TestResponseView::sizesReadAsPeopleReadThem_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << qint64(0) << "0 bytes";
    QTest::newRow("one") << qint64(1) << "1 byte";
    QTest::newRow("bytes") << qint64(1023) << "1023 bytes";
    QTest::newRow("kilobytes") << qint64(2048) << "2.0 KB";
    QTest::newRow("megabytes") << qint64(5 * 1024 * 1024 + 300 * 1024) << "5.3 MB";
    QTest::newRow("gigabytes") << qint64(3) * 1024 * 1024 * 1024 << "3.0 GB";
}

void TestResponseView::sizesReadAsPeopleReadThem()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(ResponseView::formatSize(bytes), text);
}

void TestResponseView::prettyPrintsJsonWithFoldingAndLineNumbers()
{
    // No JSON content type: the first byte decides.
    m_view->showResponse(jsonResponse(R"([1,{"big":12345678901234567890}])", QByteArray()));

    QCOMPARE(body()->text(),
             QString::fromUtf8(json::format(R"([1,{"big":12345678901234567890}])").text));
    QVERIFY(body()->text().contains(QStringLiteral("12345678901234567890")));
    QCOMPARE(body()->language(), QStringLiteral("json"));
    QVERIFY(body()->lexer());
    QVERIFY(body()->isReadOnly());
    QVERIFY(body()->marginLineNumbers(0));
    QVERIFY(body()->marginWidth(0) > 0);
    QCOMPARE(body()->folding(), QsciScintilla::BoxedTreeFoldStyle);
    QVERIFY(note()->isHidden());
}

void TestResponseView::plainTextIsShownUnchanged()
{
    m_view->showResponse(jsonResponse("hello\n{not json", "text/html; charset=utf-8"));
    QCOMPARE(body()->text(), QStringLiteral("hello\n{not json"));
    QVERIFY(note()->isHidden());
    QCOMPARE(body()->language(), QStringLiteral("html"));

    m_view->showResponse(jsonResponse("caf\xc3\xa9", "text/plain"));
    QCOMPARE(body()->text(), QStringLiteral("café"));
    QCOMPARE(body()->language(), QString());
}

void TestResponseView::invalidJsonIsShownAsReceivedWithNote()
{
    const QByteArray broken = "{\n  \"a\": 1,\n  \"b\": tru\n}";
    m_view->showResponse(jsonResponse(broken));

    QCOMPARE(body()->text(), QString::fromUtf8(broken));
    QVERIFY(note()->isVisible());
    const std::optional<json::SyntaxError> error = json::validate(broken);
    QVERIFY(error);
    QVERIFY2(note()->text().contains(error->describe()), qPrintable(note()->text()));
    // The line where it broke is highlighted in the body.
    QVERIFY(body()->markersAtLine(error->line - 1) != 0);
}

void TestResponseView::binaryBodyIsNotDumpedAsText()
{
    m_view->showResponse(
        jsonResponse(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png"));
    QVERIFY(body()->text().isEmpty());
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("binary")), qPrintable(note()->text()));
    QVERIFY(note()->text().contains(QStringLiteral("image/png")));
}

void TestResponseView::listsResponseHeadersInOrder()
{
    Response response = jsonResponse("{}");
    response.headers = {
        {"Content-Type", "application/json"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    m_view->showResponse(response);

    auto *table = named<QTableWidget>(QStringLiteral("responseHeadersTable"));
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Set-Cookie"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("a=1"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("b=2"));
    QCOMPARE(named<QTabWidget>(QStringLiteral("responseTabs"))->tabText(1),
             QStringLiteral("Headers (3)"));
}

void TestResponseView::tlsFailureExplainsCertificate()
{
    Response response;
    response.failure = FailureKind::Tls;
    response.failureMessage = QStringLiteral("The certificate of 127.0.0.1 has expired.");
    response.tlsErrors = {QStringLiteral("The certificate has expired")};
    CertificateInfo certificate;
    certificate.subject = QStringLiteral("CN=127.0.0.1");
    certificate.issuer = QStringLiteral("CN=Ferry Test CA");
    certificate.notBefore = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    certificate.notAfter = QDateTime(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC);
    response.certificateChain = {certificate};
    m_view->showResponse(response);

    auto *details = named<QPlainTextEdit>(QStringLiteral("failureDetails"));
    QCOMPARE(named<QStackedWidget>(QStringLiteral("responsePages"))->currentWidget(),
             details->parentWidget());
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(),
             QStringLiteral("The secure connection failed"));
    const QString text = details->toPlainText();
    QVERIFY(text.contains(response.failureMessage));
    QVERIFY(text.contains(response.tlsErrors.first()));
    QVERIFY2(text.contains(certificate.describe()), qPrintable(text));
    QVERIFY(details->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(named<QLabel>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Failed"));
}

void TestResponseView::largeBodyIsFormattedInTheBackground()
{
    const QByteArray big = largeJson();
    QVERIFY(big.size() > 256 * 1024);
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);

    m_view->showResponse(jsonResponse(big));
    QVERIFY(shown.wait(20000));
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(big).text));
    QCOMPARE(named<QLabel>(QStringLiteral("sizeLabel"))->text(),
             ResponseView::formatSize(big.size()));
}

void TestResponseView::olderLargeBodyNeverReplacesNewerResponse()
{
    // A user sends again before the first, large answer is formatted.
    m_view->showResponse(jsonResponse(largeJson()));
    m_view->showResponse(jsonResponse(R"({"second":true})"));
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(R"({"second":true})").text));

    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(R"({"second":true})").text));
}

void TestResponseView::deeplyNestedJsonKeepsWindowResponsive()
{
    // A body of 20,000 nested arrays, 39 KB on the wire.
    const int depth = 20000;
    const QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']');

    // A timer that only ticks while the event loop turns: a frozen window stops it.
    int ticks = 0;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    heartbeat.start();

    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    m_view->showResponse(jsonResponse(deep));
    QTRY_VERIFY(shown.count() == 1);
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(deep).text));

    // Scroll through the body as a reader would; every page must be drawn promptly.
    body()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(body(), Qt::Key_End, Qt::ControlModifier);
    body()->repaint();
    QTest::keyClick(body(), Qt::Key_Home, Qt::ControlModifier);
    body()->repaint();
    const int before = ticks;
    QTRY_VERIFY2(ticks >= before + 20, qPrintable(QString::number(ticks - before)));
}

QTEST_MAIN(TestResponseView)
#include "tst_responseview.moc"
