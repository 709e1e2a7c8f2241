#include "ui/codeview.h"
#include "ui/findbar.h"
#include "ui/responseview.h"

#include "testserver.h"

#include "core/json/jsonformatter.h"
#include "core/json/jsonpath.h"

#include <Qsci/qscilexerjson.h>

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <functional>

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
    void htmlIsShownAsPlainText();
    void invalidJsonIsShownAsReceivedWithNote();
    void errorLineKeepsEveryStyleReadable();
    void goToErrorRevealsErrorInLongLine_data();
    void goToErrorRevealsErrorInLongLine();
    void binaryBodyIsNotDumpedAsText();
    void listsResponseHeadersInOrder();
    void tlsFailureSaysEachFactOnce();
    void tlsHeadlineNamesTheCause_data();
    void tlsHeadlineNamesTheCause();
    void notSentReplacesEarlierResponse();
    void detailsTabFollowsTheShownResponse();
    void largeBodyIsFormattedInTheBackground();
    void olderLargeBodyNeverReplacesNewerResponse();
    void deeplyNestedJsonKeepsWindowResponsive();
    void millionLevelsDeepJsonIsShownWithoutIndentation();
    void largeJsonBodyKeepsWindowResponsive();
    void fiftyMegabytesAreFormattedWithProgress();
    void showRawInsteadCancelsFormatting();
    void bodyViewIsPickedFromContentAndType_data();
    void bodyViewIsPickedFromContentAndType();
    void rawShowsTextExactlyAsReceived();
    void hexShowsOffsetBytesAndAscii();
    void hexOfLargeBodyIsCapped();
    void previewShowsImageAtItsSize();
    void htmlPreviewLoadsNothingFromTheNetwork();
    void findCountsAndMovesBetweenMatches();
    void findMatchesCaseAndRegex();
    void escapeInFindBarClosesItWithoutCancelling();
    void wrapToggleFollowsBodySize();
    void copyBodyCopiesTheText();
    void saveWritesExactBytes();
    void failedSaveSaysWhy();
    void sortKeysReordersMembersAndKeepsNumbers();
    void sortKeysStaysOnForLaterResponses();
    void jsonPathFilterShowsMatches();
    void jsonPathFilterRunsAfterTypingPauses();
    void jsonPathFilterResultsAreSortedToo();
    void malformedJsonPathShowsColumnAndKeepsBody();
    void bodyIsDecodedByItsCharset_data();
    void bodyIsDecodedByItsCharset();
    void unknownCharsetFallsBackToUtf8WithNote();
    void utf16JsonIsPrettyPrintedWithNote();

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
    QComboBox *picker() const { return named<QComboBox>(QStringLiteral("bodyViewPicker")); }
    QLabel *findCount() const { return named<QLabel>(QStringLiteral("findCountLabel")); }
    QLineEdit *findField() const { return named<QLineEdit>(QStringLiteral("findField")); }
    QToolButton *sortKeys() const { return named<QToolButton>(QStringLiteral("sortKeysButton")); }
    QLineEdit *filter() const { return named<QLineEdit>(QStringLiteral("jsonPathFilter")); }
    QLabel *filterError() const { return named<QLabel>(QStringLiteral("jsonPathFilterError")); }
    // Replaces the filter text the way a user does, then presses Enter.
    void typeFilter(const QString &path, bool enter = true);
    // Picks a view the way a user does with the keyboard.
    void choose(const QString &view);
    QString selectedText() const;
    int heartbeatsWhile(const std::function<void()> &work, int windowMs);

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

// Nested arrays, as a server that builds a tree too deep sends them.
QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

// A PNG of the given size, made here so the test needs no fixture.
QByteArray pngOf(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(QColor(0x21, 0x96, 0xf3));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

// At least that many bytes of JSON: an array of small objects, as a listing endpoint that does
// not page its results sends them; by default all on one line, or one object a line.
QByteArray manySmallObjects(qsizetype bytes, bool objectPerLine = false)
{
    QByteArray out;
    out.reserve(bytes + 64);
    out += '[';
    for (int i = 0; out.size() < bytes; ++i) {
        if (i)
            out += objectPerLine ? ",\n" : ",";
        out += R"({"id":)";
        out += QByteArray::number(i);
        out += R"(,"ok":true,"tag":"t)";
        out += QByteArray::number(i % 97);
        out += R"("})";
    }
    out += ']';
    return out;
}

QByteArray largeJson(int items = 20000)
{
    QByteArray out = "[";
    for (int i = 0; i < items; ++i) {
        if (i)
            out += ',';
        out += R"({"id":)" + QByteArray::number(i) + R"(,"name":"item )" + QByteArray::number(i)
               + R"("})";
    }
    return out + "]";
}

} // namespace

// How often a 10 ms heartbeat fires while work runs in the event loop, until a window of
// windowMs has passed. Work that blocks the event loop stops the heartbeat: a window that a
// frozen display spans counts only the beats before the freeze.
int TestResponseView::heartbeatsWhile(const std::function<void()> &work, int windowMs)
{
    int beats = 0;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    connect(&heartbeat, &QTimer::timeout, this, [&beats] { ++beats; });
    bool windowOver = false;
    QTimer window;
    window.setSingleShot(true);
    window.setInterval(windowMs);
    connect(&window, &QTimer::timeout, this, [&windowOver] { windowOver = true; });

    heartbeat.start();
    window.start();
    QTimer::singleShot(0, this, work);
    if (!QTest::qWaitFor([&windowOver] { return windowOver; }, windowMs * 100))
        return -1;
    return beats;
}

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
    QCOMPARE(body()->language(), QString());

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

void TestResponseView::htmlIsShownAsPlainText()
{
    // Valid HTML that the HTML lexer painted as an error: a lowercase doctype.
    const QByteArray page = "<!doctype html>\n<html><body><p>Ferry</p></body></html>";
    m_view->showResponse(jsonResponse(page, "text/html; charset=utf-8"));
    QCOMPARE(body()->text(), QString::fromUtf8(page));
    QCOMPARE(body()->language(), QString());
    QVERIFY(!body()->lexer());
    QVERIFY(note()->isHidden());
}

void TestResponseView::errorLineKeepsEveryStyleReadable()
{
    // A string that never closes: the JSON lexer gives it a style of its own.
    const QByteArray broken = R"({"a": 1, "b": "hello)";
    m_view->showResponse(jsonResponse(broken));
    const std::optional<json::SyntaxError> error = json::validate(broken);
    QVERIFY(error);
    const int line = error->line - 1;
    QVERIFY(body()->markersAtLine(line) != 0);
    auto *lexer = qobject_cast<QsciLexerJSON *>(body()->lexer());
    QVERIFY(lexer);
    body()->SendScintilla(QsciScintilla::SCI_COLOURISE, 0UL, -1L);
    const long last = body()->length() - 1;
    QCOMPARE(int(body()->SendScintilla(QsciScintilla::SCI_GETSTYLEAT, last)),
             int(QsciLexerJSON::UnclosedString));

    // The background the error line is really drawn with, right of its text.
    const QImage shot = body()->viewport()->grab().toImage();
    const long lineStart = body()->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, line);
    const long y = body()->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0UL, lineStart)
                   + body()->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, line) / 2;
    const QColor lineBackground =
        shot.pixelColor(shot.width() - 4, int(double(y) * shot.devicePixelRatio()));

    // Every style the lexer may use, on that line or on an ordinary one.
    for (int style = 0; style < 128; ++style) {
        if (lexer->description(style).isEmpty())
            continue;
        const QColor text = lexer->color(style);
        const QString what = QStringLiteral("%1: %2 on %3 / %4")
                                 .arg(lexer->description(style), text.name(), lineBackground.name(),
                                      lexer->paper(style).name());
        QVERIFY2(CodeView::contrastRatio(text, lineBackground) >= 4.5, qPrintable(what));
        QVERIFY2(CodeView::contrastRatio(text, lexer->paper(style)) >= 4.5, qPrintable(what));
    }
}

void TestResponseView::goToErrorRevealsErrorInLongLine_data()
{
    QTest::addColumn<int>("values");
    // Short enough to be formatted at once and wrapped; long enough to be neither.
    QTest::newRow("wrapped line") << 20000;
    QTest::newRow("unwrapped line") << 400000;
}

void TestResponseView::goToErrorRevealsErrorInLongLine()
{
    QFETCH(int, values);
    // One line of numbers with a stray letter at its very end.
    QByteArray broken = "[";
    for (int i = 0; i < values; ++i)
        broken += "1,";
    broken += "x]";
    const std::optional<json::SyntaxError> error = json::validate(broken);
    QVERIFY(error);
    QCOMPARE(error->line, 1);
    QVERIFY(error->column > 40000);

    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    m_view->showResponse(jsonResponse(broken));
    QTRY_COMPARE(shown.count(), 1);
    QVERIFY2(note()->text().contains(error->describe()), qPrintable(note()->text()));

    auto *goToError = m_view->findChild<QPushButton *>(QStringLiteral("goToErrorButton"));
    QVERIFY(goToError);
    QVERIFY(goToError->isVisible());
    QTest::mouseClick(goToError, Qt::LeftButton);

    int line = -1;
    int index = -1;
    body()->getCursorPosition(&line, &index);
    QCOMPARE(line, error->line - 1);
    QCOMPARE(index, error->column - 1);
    QTRY_VERIFY(body()->hasFocus());
    // The cursor is on screen, wherever the line had to scroll for it.
    const long caret = body()->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS);
    const QPoint point(
        int(body()->SendScintilla(QsciScintilla::SCI_POINTXFROMPOSITION, 0UL, caret)),
        int(body()->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0UL, caret)));
    QVERIFY2(body()->viewport()->rect().contains(point),
             qPrintable(QStringLiteral("%1,%2").arg(point.x()).arg(point.y())));

    // A valid body has nothing to go to.
    m_view->showResponse(jsonResponse("[1]"));
    QVERIFY(goToError->isHidden());
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

namespace {

// A TLS failure worded as the network layer words it: the message lists each problem and the
// server's certificate, and tlsProblems and certificateChain hold the same facts apart.
Response tlsFailure(const QList<TlsProblem> &problems)
{
    CertificateInfo certificate;
    certificate.subject = QStringLiteral("CN=127.0.0.1, O=Ferry Tests");
    certificate.issuer = QStringLiteral("CN=Ferry Test CA, O=Ferry Tests");
    certificate.notBefore = QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
    certificate.notAfter = QDateTime(QDate(2002, 1, 1), QTime(0, 0), Qt::UTC);
    certificate.subjectAltNames = {QStringLiteral("IP:127.0.0.1")};

    Response response;
    response.failure = FailureKind::Tls;
    QStringList lines = {
        QStringLiteral("The certificate of 127.0.0.1:8443 was not accepted, so nothing was sent:")};
    for (const TlsProblem &problem : problems)
        lines << QStringLiteral("- ") + problem.message;
    lines << QStringLiteral("The server's certificate:") << certificate.describe();
    lines << QStringLiteral("If you trust this server, trust the certificate authority that "
                            "signed its certificate, or turn certificate verification off.");
    response.failureMessage = lines.join(u'\n');
    response.tlsProblems = problems;
    response.certificateChain = {certificate};
    return response;
}

const TlsProblem kExpired = {
    TlsProblemKind::Expired,
    QStringLiteral("The certificate '127.0.0.1' expired on 2002-01-01 00:00 UTC.")};
const TlsProblem kUntrusted = {
    TlsProblemKind::Untrusted,
    QStringLiteral("The certificate '127.0.0.1' is not trusted: its issuer (CN=Ferry Test CA, "
                   "O=Ferry Tests) is not a certificate authority Ferry trusts.")};
const TlsProblem kSelfSigned = {
    TlsProblemKind::Untrusted,
    QStringLiteral("The certificate 'Ferry Self-Signed' is self-signed: it vouches for itself, "
                   "and Ferry does not trust it.")};
const TlsProblem kOtherHost = {
    TlsProblemKind::WrongHost,
    QStringLiteral("The certificate was issued for DNS:wrong.example, not for '127.0.0.1', the "
                   "host this request asked for.")};

// The test rows name problems by key, since a data column needs a registered type.
QList<TlsProblem> problemsNamed(const QStringList &keys)
{
    const QHash<QString, TlsProblem> byKey = {{QStringLiteral("expired"), kExpired},
                                              {QStringLiteral("untrusted"), kUntrusted},
                                              {QStringLiteral("self-signed"), kSelfSigned},
                                              {QStringLiteral("other-host"), kOtherHost}};
    QList<TlsProblem> problems;
    for (const QString &key : keys)
        problems << byKey.value(key);
    return problems;
}

} // namespace

void TestResponseView::tlsFailureSaysEachFactOnce()
{
    const Response response = tlsFailure({kUntrusted, kExpired});
    m_view->showResponse(response);

    auto *details = named<QPlainTextEdit>(QStringLiteral("failureDetails"));
    QCOMPARE(named<QStackedWidget>(QStringLiteral("responsePages"))->currentWidget(),
             details->parentWidget());
    const QString text = details->toPlainText();
    QVERIFY(text.contains(response.failureMessage));
    for (const TlsProblem &problem : response.tlsProblems)
        QVERIFY2(text.count(problem.message) == 1, qPrintable(text));
    const QString certificate = response.certificateChain.first().describe();
    QVERIFY2(text.count(certificate) == 1, qPrintable(text));
    // Where in Ferry to act on the advice.
    QVERIFY2(text.contains(QStringLiteral("Trust a CA Certificate")), qPrintable(text));
    QVERIFY(details->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(named<QLabel>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Failed"));

    // A second certificate that the message does not describe still gets listed, once.
    Response withChain = response;
    CertificateInfo ca;
    ca.subject = QStringLiteral("CN=Ferry Test CA, O=Ferry Tests");
    ca.issuer = ca.subject;
    withChain.certificateChain << ca;
    m_view->showResponse(withChain);
    const QString chained = details->toPlainText();
    QVERIFY2(chained.count(certificate) == 1, qPrintable(chained));
    QVERIFY2(chained.count(ca.describe()) == 1, qPrintable(chained));
}

void TestResponseView::tlsHeadlineNamesTheCause_data()
{
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<QString>("headline");
    QTest::newRow("expired") << QStringList{QStringLiteral("expired")} << "Certificate expired";
    QTest::newRow("untrusted CA") << QStringList{QStringLiteral("untrusted")}
                                  << "Certificate not trusted";
    QTest::newRow("self-signed") << QStringList{QStringLiteral("self-signed")}
                                 << "Certificate not trusted";
    QTest::newRow("other host") << QStringList{QStringLiteral("other-host")}
                                << "Certificate is for another host";
    QTest::newRow("two causes") << QStringList{QStringLiteral("other-host"),
                                               QStringLiteral("untrusted")}
                                << "Certificate not accepted: 2 problems";
    QTest::newRow("handshake") << QStringList{} << "The secure connection failed";
}

void TestResponseView::tlsHeadlineNamesTheCause()
{
    QFETCH(QStringList, problems);
    QFETCH(QString, headline);

    Response response = tlsFailure(problemsNamed(problems));
    if (problems.isEmpty()) {
        response.failureMessage = QStringLiteral("The secure connection (TLS) to 127.0.0.1:8443 "
                                                 "could not be set up: handshake failed.");
        response.certificateChain.clear();
    }
    m_view->showResponse(response);
    QCOMPARE(named<QLabel>(QStringLiteral("failureTitleLabel"))->text(), headline);
}

void TestResponseView::notSentReplacesEarlierResponse()
{
    m_view->showResponse(jsonResponse(R"({"from":"the previous request"})"));
    QVERIFY(named<QTabWidget>(QStringLiteral("responseTabs"))->isVisible());

    m_view->showNotSent();
    QCOMPARE(named<QLabel>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Not sent"));
    QVERIFY(named<QLabel>(QStringLiteral("timeLabel"))->text().isEmpty());
    QVERIFY(named<QLabel>(QStringLiteral("sizeLabel"))->text().isEmpty());
    auto *placeholder = named<QLabel>(QStringLiteral("responsePlaceholder"));
    QVERIFY(placeholder->isVisible());
    QVERIFY2(placeholder->text().contains(QStringLiteral("not sent")),
             qPrintable(placeholder->text()));
    QVERIFY(!named<QTabWidget>(QStringLiteral("responseTabs"))->isVisible());
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
    // 20,000 nested arrays, 39 KB on the wire, indent to 10 MB of text.
    const QByteArray deep = nestedArrays(20000);
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);

    // Show it, then read it from the last line back to the first, as a user would; the
    // heartbeat keeps beating only if none of that holds the event loop up for long.
    const int beats = heartbeatsWhile(
        [this, deep] {
            m_view->showResponse(jsonResponse(deep));
            body()->setFocus(Qt::OtherFocusReason);
            QTest::keyClick(body(), Qt::Key_End, Qt::ControlModifier);
            body()->repaint();
            QTest::keyClick(body(), Qt::Key_Home, Qt::ControlModifier);
            body()->repaint();
        },
        1000);
    QVERIFY2(beats >= 40, qPrintable(QString::number(beats)));

    QCOMPARE(shown.count(), 1);
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(deep).text));
    // Folding so deep is beyond what Scintilla can track; the note says what is off.
    QCOMPARE(body()->folding(), QsciScintilla::NoFoldStyle);
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("folding")), qPrintable(note()->text()));
}

void TestResponseView::millionLevelsDeepJsonIsShownWithoutIndentation()
{
    // Indented, these 2 MB would become half a gigabyte of spaces.
    const QByteArray deep = nestedArrays(1000000);
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    const int beats =
        heartbeatsWhile([this, deep] { m_view->showResponse(jsonResponse(deep)); }, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QVERIFY2(beats >= 80, qPrintable(QString::number(beats)));

    json::FormatOptions flat;
    flat.indent = 0;
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(deep, flat).text));
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("Nested too deeply")),
             qPrintable(note()->text()));
}

void TestResponseView::largeJsonBodyKeepsWindowResponsive()
{
    // About 5 MB of ordinary JSON: formatted off the UI thread, then shown.
    const QByteArray big = largeJson(150000);
    QVERIFY(big.size() > 5 * 1000 * 1000);
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);

    const int beats =
        heartbeatsWhile([this, big] { m_view->showResponse(jsonResponse(big)); }, 1500);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QVERIFY2(beats >= 75, qPrintable(QString::number(beats)));

    QCOMPARE(body()->text(), QString::fromUtf8(json::format(big).text));
    QVERIFY(!body()->lexer());
    QCOMPARE(body()->folding(), QsciScintilla::NoFoldStyle);
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapNone);
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("without highlighting")),
             qPrintable(note()->text()));

    // A small body afterwards gets everything back.
    m_view->showResponse(jsonResponse(R"({"small":true})"));
    QVERIFY(body()->lexer());
    QCOMPARE(body()->folding(), QsciScintilla::BoxedTreeFoldStyle);
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapWord);
    QVERIFY(note()->isHidden());
}

void TestResponseView::fiftyMegabytesAreFormattedWithProgress()
{
    const QByteArray big = manySmallObjects(50 * 1000 * 1000);
    auto *progress = named<QProgressBar>(QStringLiteral("formatProgress"));
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);

    // A 10 ms timer stands in for everything else the window has to do meanwhile: it keeps
    // ticking only while the event loop keeps turning. Each tick also looks at the progress bar
    // as a user would. Only the ticks while formatting runs count, measured against how long
    // it ran, so a fast machine that formats quickly is not mistaken for a frozen one.
    int ticks = 0;
    qint64 formattingMs = 0;
    QElapsedTimer clock;
    QList<int> progressSeen;
    QTimer heartbeat;
    heartbeat.setInterval(10);
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        if (!shown.isEmpty() || !progress->isVisible())
            return;
        ++ticks;
        formattingMs = clock.elapsed();
        if (!progressSeen.contains(progress->value()))
            progressSeen << progress->value();
    });
    heartbeat.start();
    clock.start();
    m_view->showResponse(jsonResponse(big));
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->value(), 0);
    QVERIFY(named<QPushButton>(QStringLiteral("cancelFormatButton"))->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 100000);
    heartbeat.stop();

    // A turning loop gets a tick about every 10 ms; a frozen one none until the end. A third
    // of the ideal leaves room for a busy machine.
    const QString tickReport = QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(formattingMs);
    QVERIFY2(ticks >= 3, qPrintable(tickReport));
    QVERIFY2(ticks * 30 >= formattingMs, qPrintable(tickReport));
    // Somewhere between the start and the end: the bar really told how far formatting was.
    const bool partWay = std::any_of(progressSeen.cbegin(), progressSeen.cend(), [&](int value) {
        return value > 0 && value < progress->maximum();
    });
    QVERIFY2(partWay, qPrintable(QStringLiteral("progress seen: %1").arg(progressSeen.size())));
    QVERIFY(!progress->isVisible());
    QVERIFY(body()->isVisible());

    // The whole document, formatted: its first lines and as many lines as the formatter gives.
    const QByteArray expected = json::format(big).text;
    const QList<QByteArray> expectedStart = expected.first(200).split('\n');
    for (int line = 0; line < 6; ++line)
        QCOMPARE(body()->text(line).chopped(1), QString::fromUtf8(expectedStart.at(line)));
    QCOMPARE(body()->text(0), QStringLiteral("[\n"));
    QCOMPARE(body()->text(1), QStringLiteral("  {\n"));
    QCOMPARE(body()->text(2), QStringLiteral("    \"id\": 0,\n"));
    QCOMPARE(qsizetype(body()->lines()), expected.count('\n') + 1);
    QCOMPARE(qsizetype(body()->length()), expected.size());
}

void TestResponseView::showRawInsteadCancelsFormatting()
{
    // One object a line: Scintilla lays out a line of many megabytes slowly whenever it paints,
    // which this test is not about.
    const QByteArray big = manySmallObjects(20 * 1000 * 1000, true);
    auto *progress = named<QProgressBar>(QStringLiteral("formatProgress"));
    auto *showRaw = named<QPushButton>(QStringLiteral("cancelFormatButton"));
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);

    // A user sees formatting under way and would rather read the body as it came.
    m_view->showResponse(jsonResponse(big));
    QCOMPARE(showRaw->text(), QStringLiteral("Show raw instead"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 20000);
    QVERIFY(showRaw->isVisible());
    QTest::mouseClick(showRaw, Qt::LeftButton);
    QCOMPARE(m_view->bodyView(), ResponseView::BodyView::Raw);
    QCOMPARE(picker()->currentText(), QStringLiteral("Raw"));

    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QCOMPARE(body()->text(), QString::fromUtf8(big));
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("Formatting canceled; shown as received.")),
             qPrintable(note()->text()));

    // The canceled formatting never replaces the raw body later.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(shown.count(), 1);
    QCOMPARE(m_view->bodyView(), ResponseView::BodyView::Raw);
    QCOMPARE(qsizetype(body()->length()), big.size());
}

void TestResponseView::choose(const QString &view)
{
    // Home goes to the first view on offer, Down to the next one; both skip views that do
    // not apply to the body, as the arrow keys do for a user.
    picker()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(picker(), Qt::Key_Home);
    for (int step = 0; step < picker()->count() && picker()->currentText() != view; ++step)
        QTest::keyClick(picker(), Qt::Key_Down);
    QCOMPARE(picker()->currentText(), view);
}

QString TestResponseView::selectedText() const
{
    return body()->selectedText();
}

void TestResponseView::bodyViewIsPickedFromContentAndType_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QStringList>("available");
    QTest::newRow("json") << QByteArray(R"({"a":1})") << QByteArray("application/json") << "Pretty"
                          << QStringList{"Pretty", "Raw", "Hex"};
    QTest::newRow("json without type")
        << QByteArray("[1,2]") << QByteArray() << "Pretty" << QStringList{"Pretty", "Raw", "Hex"};
    QTest::newRow("html") << QByteArray("<!doctype html><p>Hi</p>")
                          << QByteArray("text/html; charset=utf-8") << "Raw"
                          << QStringList{"Raw", "Hex", "Preview"};
    QTest::newRow("html without type")
        << QByteArray("  <HTML><body>Hi</body></HTML>") << QByteArray() << "Raw"
        << QStringList{"Raw", "Hex", "Preview"};
    QTest::newRow("plain text") << QByteArray("hello") << QByteArray("text/plain") << "Raw"
                                << QStringList{"Raw", "Hex"};
    QTest::newRow("png") << pngOf(3, 2) << QByteArray("image/png") << "Preview"
                         << QStringList{"Hex", "Preview"};
    // A server that labels everything application/octet-stream still sends an image.
    QTest::newRow("png as octet-stream") << pngOf(3, 2) << QByteArray("application/octet-stream")
                                         << "Preview" << QStringList{"Hex", "Preview"};
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe", 5)
                            << QByteArray("application/octet-stream") << "Hex"
                            << QStringList{"Hex"};
}

void TestResponseView::bodyViewIsPickedFromContentAndType()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, type);
    QFETCH(QString, view);
    QFETCH(QStringList, available);

    m_view->showResponse(jsonResponse(bytes, type));
    QCOMPARE(picker()->currentText(), view);
    auto *model = qobject_cast<QStandardItemModel *>(picker()->model());
    QVERIFY(model);
    QStringList enabled;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->item(row)->isEnabled())
            enabled << model->item(row)->text();
    }
    QCOMPARE(enabled, available);
    const bool preview = view == u"Preview";
    QCOMPARE(named<QWidget>(QStringLiteral("previewPages"))->isVisible(), preview);
    QCOMPARE(body()->isVisible(), !preview);
}

void TestResponseView::rawShowsTextExactlyAsReceived()
{
    // Spacing, key order and a trailing newline: Raw keeps all of it.
    const QByteArray received = "{ \"b\":2,\r\n  \"a\" : [1,2]}\n";
    m_view->showResponse(jsonResponse(received));
    QCOMPARE(picker()->currentText(), QStringLiteral("Pretty"));
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(received).text));

    choose(QStringLiteral("Raw"));
    QCOMPARE(picker()->currentText(), QStringLiteral("Raw"));
    QCOMPARE(body()->text(), QString::fromUtf8(received));
    QVERIFY(!body()->lexer());
    QVERIFY(note()->isHidden());

    choose(QStringLiteral("Pretty"));
    QCOMPARE(body()->text(), QString::fromUtf8(json::format(received).text));
    QVERIFY(body()->lexer());
}

void TestResponseView::hexShowsOffsetBytesAndAscii()
{
    QByteArray bytes;
    for (int i = 0; i < 20; ++i)
        bytes += char(i);
    bytes += "Ferry";
    m_view->showResponse(jsonResponse(bytes, "application/octet-stream"));

    QCOMPARE(picker()->currentText(), QStringLiteral("Hex"));
    const QStringList lines = body()->text().split(u'\n');
    QCOMPARE(lines.value(0), QStringLiteral("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d "
                                            "0e 0f  |................|"));
    QCOMPARE(lines.value(1), QStringLiteral("00000010  10 11 12 13 46 65 72 72  79               "
                                            "        |....Ferry|"));
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("binary")), qPrintable(note()->text()));

    // Text bodies can be looked at as bytes too.
    m_view->showResponse(jsonResponse("caf\xc3\xa9", "text/plain"));
    choose(QStringLiteral("Hex"));
    // The ASCII column starts where it does on a full line.
    QCOMPARE(body()->text().split(u'\n').value(0), QStringLiteral("00000000  63 61 66 c3 a9")
                                                       + QString(36, u' ')
                                                       + QStringLiteral("|caf..|"));
}

void TestResponseView::hexOfLargeBodyIsCapped()
{
    const QByteArray big(ResponseView::kHexLimit + 512 * 1024, '\0');
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    m_view->showResponse(jsonResponse(big, "application/octet-stream"));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);

    // Sixteen bytes a line, and the empty line after the last newline.
    QCOMPARE(body()->lines(), int(ResponseView::kHexLimit / 16) + 1);
    QVERIFY2(note()->text().contains(QStringLiteral("Only the first 1.0 MB of 1.5 MB")),
             qPrintable(note()->text()));
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapNone);
}

void TestResponseView::previewShowsImageAtItsSize()
{
    m_view->showResponse(jsonResponse(pngOf(7, 5), "image/png"));
    QCOMPARE(picker()->currentText(), QStringLiteral("Preview"));
    auto *image = named<QLabel>(QStringLiteral("previewImage"));
    QVERIFY(image->isVisible());
    QCOMPARE(image->pixmap().size(), QSize(7, 5));
    QVERIFY(note()->isHidden());

    // The same bytes as hex, then back.
    choose(QStringLiteral("Hex"));
    QVERIFY(body()->isVisible());
    QVERIFY(body()->text().startsWith(QStringLiteral("00000000  89 50 4e 47")));
    choose(QStringLiteral("Preview"));
    QVERIFY(image->isVisible());
}

void TestResponseView::htmlPreviewLoadsNothingFromTheNetwork()
{
    // A page that would tell its server it was looked at: an image, a style sheet and a link.
    test::TestServer server;
    QVERIFY(server.listen());
    const QByteArray page = "<!doctype html><html><head><link rel=\"stylesheet\" href=\""
                            + server.url(QStringLiteral("/style.css")).toEncoded()
                            + "\"></head><body><h1>Ferry preview</h1><img src=\""
                            + server.url(QStringLiteral("/pixel.png")).toEncoded()
                            + "\" width=\"10\" height=\"10\"><a href=\""
                            + server.url(QStringLiteral("/next")).toEncoded()
                            + "\">next</a></body></html>";
    m_view->showResponse(jsonResponse(page, "text/html"));
    QCOMPARE(picker()->currentText(), QStringLiteral("Raw"));
    QCOMPARE(body()->text(), QString::fromUtf8(page));

    choose(QStringLiteral("Preview"));
    auto *browser = named<QTextBrowser>(QStringLiteral("previewHtml"));
    QVERIFY(browser->isVisible());
    QVERIFY(browser->toPlainText().contains(QStringLiteral("Ferry preview")));
    // Laying the page out and painting it is when a text document loads what it refers to.
    QVERIFY(!browser->grab().isNull());
    QCOMPARE(browser->document()->resource(QTextDocument::ImageResource,
                                           server.url(QStringLiteral("/pixel.png"))),
             QVariant());

    // Following the link is not possible either.
    const QRect anchor = browser->cursorRect(browser->document()->find(QStringLiteral("next")));
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, anchor.center());
    QVERIFY(browser->source().isEmpty());
    QVERIFY(browser->toPlainText().contains(QStringLiteral("Ferry preview")));

    // A request to the server now arrives after anything the preview would have sent.
    QCOMPARE(server.received().size(), 0);
    QCOMPARE(server.connectionCount(), 0);
}

void TestResponseView::findCountsAndMovesBetweenMatches()
{
    m_view->showResponse(
        jsonResponse("Apple apple APPLE\napple pie\nbanana\npineapple", "text/plain"));
    body()->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(body()->hasFocus());
    QTest::keyClick(body(), Qt::Key_F, Qt::ControlModifier);

    auto *bar = named<FindBar>(QStringLiteral("findBar"));
    QTRY_VERIFY(bar->isVisible());
    QTRY_VERIFY(findField()->hasFocus());
    QTest::keyClicks(findField(), QStringLiteral("apple"));
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 5"));
    QCOMPARE(selectedText(), QStringLiteral("Apple"));

    QTest::keyClick(findField(), Qt::Key_Return);
    QCOMPARE(findCount()->text(), QStringLiteral("2 of 5"));
    QCOMPARE(selectedText(), QStringLiteral("apple"));
    QTest::mouseClick(named<QToolButton>(QStringLiteral("findNextButton")), Qt::LeftButton);
    QCOMPARE(findCount()->text(), QStringLiteral("3 of 5"));
    QCOMPARE(selectedText(), QStringLiteral("APPLE"));

    QTest::keyClick(findField(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(findCount()->text(), QStringLiteral("2 of 5"));
    QTest::mouseClick(named<QToolButton>(QStringLiteral("findPreviousButton")), Qt::LeftButton);
    QTest::mouseClick(named<QToolButton>(QStringLiteral("findPreviousButton")), Qt::LeftButton);
    // Past the first match it goes round to the last.
    QCOMPARE(findCount()->text(), QStringLiteral("5 of 5"));
    int line = -1;
    int index = -1;
    body()->getCursorPosition(&line, &index);
    QCOMPARE(line, 3);

    QTest::keyClicks(findField(), QStringLiteral("xyz"));
    QCOMPARE(findCount()->text(), QStringLiteral("No matches"));
    QVERIFY(!named<QToolButton>(QStringLiteral("findNextButton"))->isEnabled());

    // A new response is searched again.
    findField()->setText(QStringLiteral("an"));
    m_view->showResponse(jsonResponse("banana", "text/plain"));
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 2"));
}

void TestResponseView::findMatchesCaseAndRegex()
{
    m_view->showResponse(
        jsonResponse("Apple apple APPLE\napple pie\nbanana\npineapple", "text/plain"));
    m_view->openFind();
    QTRY_VERIFY(findField()->hasFocus());
    QTest::keyClicks(findField(), QStringLiteral("apple"));
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 5"));

    auto *matchCase = named<QToolButton>(QStringLiteral("findCaseButton"));
    QTest::mouseClick(matchCase, Qt::LeftButton);
    QVERIFY(matchCase->isChecked());
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 3"));
    QCOMPARE(selectedText(), QStringLiteral("apple"));

    auto *regex = named<QToolButton>(QStringLiteral("findRegexButton"));
    QTest::mouseClick(regex, Qt::LeftButton);
    findField()->setText(QStringLiteral("^[a-z]+"));
    // "apple" at the start of line 2, "banana", "pineapple".
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 3"));
    // Changing an option keeps the place: "apple" on line 2 is now the second match.
    QTest::mouseClick(matchCase, Qt::LeftButton);
    QCOMPARE(findCount()->text(), QStringLiteral("2 of 4"));
    QCOMPARE(selectedText(), QStringLiteral("apple"));

    findField()->setText(QStringLiteral("p{2}"));
    QVERIFY2(findCount()->text().endsWith(QStringLiteral(" of 5")),
             qPrintable(findCount()->text()));
    QCOMPARE(selectedText(), QStringLiteral("pp"));
    // Matching nothing, as "x*" does everywhere, counts as no match.
    findField()->setText(QStringLiteral("x*"));
    QCOMPARE(findCount()->text(), QStringLiteral("No matches"));
    findField()->setText(QStringLiteral("(ap"));
    QCOMPARE(findCount()->text(), QStringLiteral("Invalid pattern"));

    // Without ".*" the same text is looked for literally.
    QTest::mouseClick(regex, Qt::LeftButton);
    findField()->setText(QStringLiteral("^[a-z]+"));
    QCOMPARE(findCount()->text(), QStringLiteral("No matches"));
}

void TestResponseView::escapeInFindBarClosesItWithoutCancelling()
{
    // The window's Esc cancels the request in flight; here an action with the same shortcut
    // and context stands in for it.
    QAction cancel(QStringLiteral("Cancel"));
    cancel.setShortcut(QKeySequence(Qt::Key_Escape));
    cancel.setShortcutContext(Qt::WindowShortcut);
    m_view->addAction(&cancel);
    QSignalSpy cancelled(&cancel, &QAction::triggered);

    m_view->showResponse(jsonResponse("one two one", "text/plain"));
    m_view->activateWindow();
    QTRY_VERIFY(m_view->isActiveWindow());
    body()->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(body(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(findField()->hasFocus());
    QTest::keyClicks(findField(), QStringLiteral("one"));
    QCOMPARE(findCount()->text(), QStringLiteral("1 of 2"));

    QTest::keyClick(findField(), Qt::Key_Escape);
    QVERIFY(named<FindBar>(QStringLiteral("findBar"))->isHidden());
    QCOMPARE(cancelled.count(), 0);
    QTRY_VERIFY(body()->hasFocus());

    // Elsewhere Esc keeps its meaning.
    QTest::keyClick(body(), Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    m_view->removeAction(&cancel);
}

void TestResponseView::wrapToggleFollowsBodySize()
{
    auto *wrap = named<QToolButton>(QStringLiteral("wrapButton"));
    m_view->showResponse(jsonResponse(R"({"a":"a long line"})"));
    QVERIFY(wrap->isChecked());
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapWord);

    QTest::mouseClick(wrap, Qt::LeftButton);
    QVERIFY(!wrap->isChecked());
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapNone);
    // The choice holds for the next small body.
    m_view->showResponse(jsonResponse(R"({"b":2})"));
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapNone);
    QTest::mouseClick(wrap, Qt::LeftButton);
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapWord);

    // A large body starts unwrapped.
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    m_view->showResponse(jsonResponse(largeJson()));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QVERIFY(!wrap->isChecked());
    QCOMPARE(body()->wrapMode(), QsciScintilla::WrapNone);
}

void TestResponseView::copyBodyCopiesTheText()
{
    const QByteArray received = "{ \"name\": \"Café\" }";
    m_view->showResponse(jsonResponse(received, "application/json; charset=utf-8"));
    QTest::mouseClick(named<QToolButton>(QStringLiteral("copyBodyButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(received));

    m_view->showResponse(jsonResponse(QByteArray("\x00\x01", 2), "application/octet-stream"));
    QVERIFY(!named<QToolButton>(QStringLiteral("copyBodyButton"))->isEnabled());
}

void TestResponseView::saveWritesExactBytes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    // An earlier, longer file at the same place is replaced, not overwritten in part.
    {
        QFile earlier(path);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write(QByteArray(4096, 'x'));
    }
    QString suggested;
    m_view->setSaveFileChooser([&](QWidget *, const QString &, const QString &name) {
        suggested = name;
        return path;
    });
    QStringList problems;
    m_view->setProblemPresenter(
        [&](QWidget *, const QString &, const QString &text) { problems << text; });

    // Line ends, a NUL and bytes that are not UTF-8: all kept as they came.
    const QByteArray bytes("{\"a\":1}\r\n\x00\xff\xfe", 12);
    m_view->showResponse(jsonResponse(bytes, "application/json"));
    QTest::mouseClick(named<QToolButton>(QStringLiteral("saveBodyButton")), Qt::LeftButton);

    QCOMPARE(suggested, QStringLiteral("response.json"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), bytes);
}

void TestResponseView::failedSaveSaysWhy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/body.txt"));
    m_view->setSaveFileChooser([&](QWidget *, const QString &, const QString &) { return path; });
    QStringList problems;
    m_view->setProblemPresenter(
        [&](QWidget *, const QString &, const QString &text) { problems << text; });

    m_view->showResponse(jsonResponse("hello", "text/plain"));
    QTest::mouseClick(named<QToolButton>(QStringLiteral("saveBodyButton")), Qt::LeftButton);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QStringLiteral("could not save")),
             qPrintable(problems.first()));
    QVERIFY(problems.first().contains(QStringLiteral("body.txt")));
    QVERIFY(!QFile::exists(path));

    // Cancelling the dialog writes nothing and says nothing.
    m_view->setSaveFileChooser(
        [](QWidget *, const QString &, const QString &) { return QString(); });
    QTest::mouseClick(named<QToolButton>(QStringLiteral("saveBodyButton")), Qt::LeftButton);
    QCOMPARE(problems.size(), 1);
}

// The Details tab belongs to the response on screen: a user who sends again reads the new
// response's redirects and sizes, never the previous one's.
void TestResponseView::detailsTabFollowsTheShownResponse()
{
    auto *tabs = named<QTabWidget>(QStringLiteral("responseTabs"));
    auto *details = named<QWidget>(QStringLiteral("responseDetails"));
    QCOMPARE(tabs->tabText(tabs->indexOf(details)), QStringLiteral("Details"));

    Response first = jsonResponse(R"({"a":1})");
    first.redirects = {{302, QStringLiteral("http://127.0.0.1:1/first-hop")}};
    m_view->showResponse(first);
    auto visibleText = [details] {
        QStringList texts;
        for (const QLabel *label : details->findChildren<QLabel *>())
            texts << label->text();
        for (const QTableWidget *table : details->findChildren<QTableWidget *>()) {
            for (int row = 0; row < table->rowCount(); ++row) {
                for (int column = 0; column < table->columnCount(); ++column) {
                    if (const QTableWidgetItem *item = table->item(row, column))
                        texts << item->text();
                }
            }
        }
        return texts.join(u'\n');
    };
    QVERIFY2(visibleText().contains(QStringLiteral("first-hop")), qPrintable(visibleText()));

    m_view->showResponse(jsonResponse(R"({"b":2})"));
    QVERIFY2(!visibleText().contains(QStringLiteral("first-hop")), qPrintable(visibleText()));
}

QTEST_MAIN(TestResponseView)
namespace {

// An order API answer, with a number no double holds and one whose text would change.
const QByteArray kOrders = R"({"total":12345678901234567890123,"items":[)"
                           R"({"name":"pen","price":3,"id":1.50},)"
                           R"({"price":12,"name":"book","id":2},)"
                           R"({"name":"cup","price":7,"id":3}],"currency":"EUR"})";

QString pretty(QByteArrayView json)
{
    return QString::fromUtf8(json::format(json).text);
}

QString sorted(QByteArrayView json)
{
    return QString::fromUtf8(json::formatSorted(json).text);
}

} // namespace

void TestResponseView::typeFilter(const QString &path, bool enter)
{
    filter()->setFocus(Qt::OtherFocusReason);
    filter()->selectAll();
    QTest::keyClick(filter(), Qt::Key_Backspace);
    QTest::keyClicks(filter(), path);
    if (enter)
        QTest::keyClick(filter(), Qt::Key_Return);
}

void TestResponseView::sortKeysReordersMembersAndKeepsNumbers()
{
    m_view->showResponse(jsonResponse(kOrders));
    QVERIFY(sortKeys()->isVisible());
    QVERIFY(!sortKeys()->isChecked());
    QCOMPARE(body()->text(), pretty(kOrders));

    QTest::mouseClick(sortKeys(), Qt::LeftButton);
    QVERIFY(sortKeys()->isChecked());
    QCOMPARE(body()->text(), sorted(kOrders));
    QVERIFY(body()->text() != pretty(kOrders));
    QVERIFY(body()->text().indexOf(u"\"currency\"") < body()->text().indexOf(u"\"items\""));
    QVERIFY(body()->text().contains(u"12345678901234567890123"));
    QVERIFY(body()->text().contains(u"1.50"));

    QTest::mouseClick(sortKeys(), Qt::LeftButton);
    QCOMPARE(body()->text(), pretty(kOrders));
}

void TestResponseView::sortKeysStaysOnForLaterResponses()
{
    m_view->showResponse(jsonResponse(kOrders));
    QTest::mouseClick(sortKeys(), Qt::LeftButton);
    m_view->showResponse(jsonResponse(R"({"b":1,"a":2})"));
    QVERIFY(sortKeys()->isChecked());
    QCOMPARE(body()->text(), sorted(R"({"b":1,"a":2})"));

    // Large bodies are sorted off the UI thread like any other formatting.
    const QByteArray large = R"({"z":)" + largeJson() + R"(,"a":true})";
    QSignalSpy shown(m_view.get(), &ResponseView::bodyShown);
    m_view->showResponse(jsonResponse(large));
    QCOMPARE(shown.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
    QCOMPARE(body()->text(), sorted(large));
}

void TestResponseView::jsonPathFilterShowsMatches()
{
    m_view->showResponse(jsonResponse(kOrders));
    QVERIFY(filter()->isVisible());
    QCOMPARE(filter()->placeholderText(),
             QStringLiteral("Filter with JSONPath, e.g. $.items[?(@.price < 10)].name"));

    typeFilter(QStringLiteral("$.items[?(@.price < 10)].name"));
    QCOMPARE(body()->text(), pretty(R"(["pen","cup"])"));
    QVERIFY(filterError()->isHidden());

    typeFilter(QStringLiteral("$.total"));
    QCOMPARE(body()->text(), pretty(R"([12345678901234567890123])"));

    // Raw shows what came, whatever the filter.
    choose(QStringLiteral("Raw"));
    QCOMPARE(body()->text(), QString::fromUtf8(kOrders));
    QVERIFY(!filter()->isVisible());
    choose(QStringLiteral("Pretty"));
    QCOMPARE(body()->text(), pretty(R"([12345678901234567890123])"));

    typeFilter(QString());
    QCOMPARE(body()->text(), pretty(kOrders));
}

void TestResponseView::jsonPathFilterRunsAfterTypingPauses()
{
    m_view->showResponse(jsonResponse(kOrders));
    typeFilter(QStringLiteral("$.currency"), false);
    QCOMPARE(body()->text(), pretty(kOrders));
    QTRY_COMPARE(body()->text(), pretty(R"(["EUR"])"));

    // The clear button in the box brings the whole body back.
    filter()->clear();
    QTRY_COMPARE(body()->text(), pretty(kOrders));
}

void TestResponseView::jsonPathFilterResultsAreSortedToo()
{
    m_view->showResponse(jsonResponse(kOrders));
    QTest::mouseClick(sortKeys(), Qt::LeftButton);
    typeFilter(QStringLiteral("$.items[1]"));
    QCOMPARE(body()->text(), sorted(R"([{"price":12,"name":"book","id":2}])"));
    QVERIFY(body()->text().indexOf(u"\"id\"") < body()->text().indexOf(u"\"price\""));
}

void TestResponseView::malformedJsonPathShowsColumnAndKeepsBody()
{
    m_view->showResponse(jsonResponse(kOrders));
    typeFilter(QStringLiteral("$.items[?(@.price <"));
    QTRY_VERIFY(filterError()->isVisible());
    const Result<json::JsonPath> parsed =
        json::JsonPath::parse(QStringLiteral("$.items[?(@.price <"));
    QVERIFY(!parsed);
    QVERIFY2(filterError()->text().contains(QStringLiteral("Column %1").arg(parsed.error().column)),
             qPrintable(filterError()->text()));
    QVERIFY(filterError()->text().contains(parsed.error().message));
    QVERIFY(drawsInColour(filterError()->grab().toImage(), QColor("#c62828")));
    QCOMPARE(body()->text(), pretty(kOrders));

    typeFilter(QStringLiteral("$.currency"));
    QVERIFY(filterError()->isHidden());
    QCOMPARE(body()->text(), pretty(R"(["EUR"])"));
}

void TestResponseView::bodyIsDecodedByItsCharset_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("ISO-8859-1") << QByteArray("text/plain; charset=ISO-8859-1")
                                << QByteArray("caf\xe9") << QStringLiteral("café");
    QTest::newRow("quoted latin1") << QByteArray("text/plain;charset=\"iso-8859-1\"")
                                   << QByteArray("caf\xe9") << QStringLiteral("café");
    QTest::newRow("UTF-16 LE") << QByteArray("text/plain; charset=UTF-16LE")
                               << QByteArray("c\0a\0f\0\xe9\0", 8) << QStringLiteral("café");
    QTest::newRow("no charset is UTF-8")
        << QByteArray("text/plain") << QByteArray("caf\xc3\xa9") << QStringLiteral("café");
    if (QStringDecoder("windows-1253").isValid()) {
        QTest::newRow("windows-1253") << QByteArray("text/plain; charset=windows-1253")
                                      << QByteArray("\xe1\xe2\xe3") << QStringLiteral("αβγ");
    }
}

void TestResponseView::bodyIsDecodedByItsCharset()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    m_view->showResponse(jsonResponse(bytes, contentType));
    QCOMPARE(m_view->bodyView(), ResponseView::BodyView::Raw);
    QCOMPARE(body()->text(), text);
    QVERIFY(note()->isHidden());
}

void TestResponseView::unknownCharsetFallsBackToUtf8WithNote()
{
    m_view->showResponse(jsonResponse("caf\xc3\xa9", "text/plain; charset=x-ferry-unknown"));
    QCOMPARE(body()->text(), QStringLiteral("café"));
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("x-ferry-unknown")),
             qPrintable(note()->text()));
    QVERIFY(note()->text().contains(QStringLiteral("UTF-8")));
}

void TestResponseView::utf16JsonIsPrettyPrintedWithNote()
{
    // A server that writes JSON as UTF-16 LE without a byte order mark.
    const QString document = QStringLiteral(R"({"name":"café","n":12345678901234567890})");
    QByteArray utf16;
    for (const QChar c : document) {
        utf16 += char(c.unicode() & 0xff);
        utf16 += char(c.unicode() >> 8);
    }
    m_view->showResponse(jsonResponse(utf16, "application/json"));
    QCOMPARE(m_view->bodyView(), ResponseView::BodyView::Pretty);
    QCOMPARE(body()->text(), pretty(document.toUtf8()));
    QCOMPARE(body()->language(), QStringLiteral("json"));
    QVERIFY(note()->isVisible());
    QVERIFY2(note()->text().contains(QStringLiteral("UTF-16 LE body shown as UTF-8")),
             qPrintable(note()->text()));

    // The same bytes with a byte order mark and no content type: the bytes decide.
    m_view->showResponse(jsonResponse(QByteArray("\xff\xfe") + utf16, QByteArray()));
    QCOMPARE(m_view->bodyView(), ResponseView::BodyView::Pretty);
    QCOMPARE(body()->text(), pretty(document.toUtf8()));
    QVERIFY(note()->text().contains(QStringLiteral("UTF-16 LE body shown as UTF-8")));

    typeFilter(QStringLiteral("$.name"));
    QCOMPARE(body()->text(), pretty(R"(["café"])"));
}

#include "tst_responseview.moc"
