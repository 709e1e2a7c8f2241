// The details panel of a response: each section says what the response carried, as the user
// reads it after a request that went through redirects over HTTPS and set cookies.
#include "ui/responsedetails.h"

#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QTableWidget>
#include <QTest>

using namespace ferry;

class tst_ResponseDetails final : public QObject {
    Q_OBJECT

private:
    static Response httpsResponse();
    static QString text(const ResponseDetails &details, const char *objectName);
    static QString cell(const QTableWidget *table, int row, int column);

private Q_SLOTS:
    void generalSection();
    void sizesSection();
    void timingSection();
    void tlsSectionListsProtocolCipherAndEveryCertificate();
    void redirectsTableListsEachHop();
    void cookiesTableShowsEveryField();
    void plainHttpWithoutRedirectsOrCookies();
    void textIsSelectableAndTablesReadOnly();
};

Response tst_ResponseDetails::httpsResponse()
{
    Response response;
    response.statusCode = 200;
    response.reason = QStringLiteral("OK");
    response.httpVersion = QStringLiteral("HTTP/2");
    response.remoteAddress = QStringLiteral("127.0.0.1:8443");
    response.finalUrl = QStringLiteral("https://127.0.0.1:8443/landing");
    response.body = "hello";
    response.sizes = {120, 2048, 5000};
    response.timings = {40, 12, 30, 38};
    response.tlsProtocol = QStringLiteral("TLS 1.3");
    response.tlsCipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    CertificateInfo leaf;
    leaf.subject = QStringLiteral("CN=127.0.0.1, O=Ferry Test");
    leaf.issuer = QStringLiteral("CN=Ferry Test CA");
    leaf.notBefore = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    leaf.notAfter = QDateTime(QDate(2034, 1, 1), QTime(0, 0), Qt::UTC);
    CertificateInfo ca;
    ca.subject = QStringLiteral("CN=Ferry Test CA");
    ca.issuer = QStringLiteral("CN=Ferry Test CA");
    ca.notBefore = leaf.notBefore;
    ca.notAfter = leaf.notAfter;
    response.certificateChain = {leaf, ca};
    response.redirects = {{302, QStringLiteral("https://127.0.0.1:8443/next")},
                          {307, QStringLiteral("https://127.0.0.1:8443/landing")}};
    ResponseCookie session;
    session.name = QStringLiteral("session");
    session.value = QStringLiteral("s3cret-value");
    session.path = QStringLiteral("/");
    session.httpOnly = true;
    session.secure = true;
    session.sameSite = QStringLiteral("Strict");
    ResponseCookie theme;
    theme.name = QStringLiteral("theme");
    theme.value = QStringLiteral("dark");
    theme.domain = QStringLiteral(".example.test");
    theme.path = QStringLiteral("/app");
    theme.expires = QDateTime(QDate(2037, 10, 21), QTime(7, 28), Qt::UTC);
    response.cookies = {session, theme};
    return response;
}

QString tst_ResponseDetails::text(const ResponseDetails &details, const char *objectName)
{
    const auto *label = details.findChild<QLabel *>(QString::fromLatin1(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(objectName);
}

QString tst_ResponseDetails::cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

void tst_ResponseDetails::generalSection()
{
    ResponseDetails details;
    QCOMPARE(details.objectName(), QStringLiteral("responseDetails"));
    details.showResponse(httpsResponse());

    const QString general = text(details, "detailsGeneralText");
    QVERIFY2(general.contains(QStringLiteral("Status: 200 OK")), qPrintable(general));
    QVERIFY(general.contains(QStringLiteral("HTTP version: HTTP/2")));
    QVERIFY(general.contains(QStringLiteral("Remote address: 127.0.0.1:8443")));
    QVERIFY(general.contains(QStringLiteral("Final URL: https://127.0.0.1:8443/landing")));
}

void tst_ResponseDetails::sizesSection()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    const QString sizes = text(details, "detailsSizesText");
    QVERIFY2(sizes.contains(QStringLiteral("Headers: 120 bytes")), qPrintable(sizes));
    QVERIFY(sizes.contains(QStringLiteral("Body on the wire: 2048 bytes (2.0 KB)")));
    QVERIFY(sizes.contains(QStringLiteral("Body decoded: 5000 bytes (4.9 KB)")));
}

void tst_ResponseDetails::timingSection()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    const QString timing = text(details, "detailsTimingText");
    QVERIFY2(timing.contains(QStringLiteral("TLS handshake done: 12 ms")), qPrintable(timing));
    QVERIFY(timing.contains(QStringLiteral("First byte: 30 ms")));
    QVERIFY(timing.contains(QStringLiteral("Last byte: 38 ms")));
    QVERIFY(timing.contains(QStringLiteral("Total: 40 ms")));

    const auto *firstByte =
        details.findChild<QProgressBar *>(QStringLiteral("detailsFirstByteBar"));
    QVERIFY(firstByte);
    QCOMPARE(firstByte->maximum(), 40);
    QCOMPARE(firstByte->value(), 30);
    QCOMPARE(firstByte->text(), QStringLiteral("30 ms"));
}

void tst_ResponseDetails::tlsSectionListsProtocolCipherAndEveryCertificate()
{
    ResponseDetails details;
    const Response response = httpsResponse();
    details.showResponse(response);

    const QString tls = text(details, "detailsTlsText");
    QVERIFY2(tls.contains(QStringLiteral("Protocol: TLS 1.3")), qPrintable(tls));
    QVERIFY(tls.contains(QStringLiteral("Cipher: TLS_AES_256_GCM_SHA384")));
    QVERIFY(tls.contains(QStringLiteral("Certificate 1: Subject: CN=127.0.0.1, O=Ferry Test")));
    QVERIFY(tls.contains(QStringLiteral("Certificate 2: Subject: CN=Ferry Test CA")));
    // Every line of each certificate's description is there.
    for (const CertificateInfo &certificate : response.certificateChain) {
        for (const QString &line : certificate.describe().split(u'\n'))
            QVERIFY2(tls.contains(line), qPrintable(line));
    }
}

void tst_ResponseDetails::redirectsTableListsEachHop()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    const auto *table = details.findChild<QTableWidget *>(QStringLiteral("redirectsTable"));
    QVERIFY(table);
    QVERIFY(!table->isHidden());
    QCOMPARE(table->columnCount(), 3);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(cell(table, 0, 0), QStringLiteral("1"));
    QCOMPARE(cell(table, 0, 1), QStringLiteral("302"));
    QCOMPARE(cell(table, 0, 2), QStringLiteral("https://127.0.0.1:8443/next"));
    QCOMPARE(cell(table, 1, 0), QStringLiteral("2"));
    QCOMPARE(cell(table, 1, 1), QStringLiteral("307"));
    QCOMPARE(cell(table, 1, 2), QStringLiteral("https://127.0.0.1:8443/landing"));
    const auto *box = details.findChild<QGroupBox *>(QStringLiteral("detailsRedirects"));
    QVERIFY(box);
    QCOMPARE(box->title(), QStringLiteral("Redirects (2)"));
}

void tst_ResponseDetails::cookiesTableShowsEveryField()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    const auto *table = details.findChild<QTableWidget *>(QStringLiteral("cookiesTable"));
    QVERIFY(table);
    QCOMPARE(table->columnCount(), 6);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(cell(table, 0, 0), QStringLiteral("session"));
    // The value is the user's to see, even when it is a secret.
    QCOMPARE(cell(table, 0, 1), QStringLiteral("s3cret-value"));
    QCOMPARE(cell(table, 0, 2), QString());
    QCOMPARE(cell(table, 0, 3), QStringLiteral("/"));
    QCOMPARE(cell(table, 0, 4), QStringLiteral("end of session"));
    QCOMPARE(cell(table, 0, 5), QStringLiteral("HttpOnly, Secure, SameSite=Strict"));
    QCOMPARE(cell(table, 1, 0), QStringLiteral("theme"));
    QCOMPARE(cell(table, 1, 1), QStringLiteral("dark"));
    QCOMPARE(cell(table, 1, 2), QStringLiteral(".example.test"));
    QCOMPARE(cell(table, 1, 3), QStringLiteral("/app"));
    QCOMPARE(cell(table, 1, 4), QStringLiteral("2037-10-21 07:28:00 UTC"));
    QCOMPARE(cell(table, 1, 5), QString());
}

void tst_ResponseDetails::plainHttpWithoutRedirectsOrCookies()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    // A later, plainer response replaces everything the first one showed.
    Response plain;
    plain.statusCode = 404;
    plain.reason = QStringLiteral("Not Found");
    plain.httpVersion = QStringLiteral("HTTP/1.1");
    plain.finalUrl = QStringLiteral("http://localhost:8080/missing");
    plain.sizes = {80, -1, 0};
    plain.timings = {9, -1, 5, 8};
    details.showResponse(plain);

    QVERIFY(
        text(details, "detailsGeneralText").contains(QStringLiteral("Remote address: unknown")));
    QVERIFY(
        text(details, "detailsSizesText").contains(QStringLiteral("Body on the wire: unknown")));
    QVERIFY(text(details, "detailsTimingText")
                .contains(QStringLiteral("TLS handshake done: none (plain HTTP)")));
    QCOMPARE(text(details, "detailsTlsText"), QStringLiteral("Encryption: none (plain HTTP)"));

    const auto *redirects = details.findChild<QTableWidget *>(QStringLiteral("redirectsTable"));
    QVERIFY(redirects);
    QCOMPARE(redirects->rowCount(), 0);
    QVERIFY(redirects->isHidden());
    QCOMPARE(text(details, "redirectsTableEmpty"), QStringLiteral("No redirects were followed."));
    const auto *cookies = details.findChild<QTableWidget *>(QStringLiteral("cookiesTable"));
    QVERIFY(cookies);
    QCOMPARE(cookies->rowCount(), 0);
    QCOMPARE(text(details, "cookiesTableEmpty"), QStringLiteral("The response set no cookies."));
}

void tst_ResponseDetails::textIsSelectableAndTablesReadOnly()
{
    ResponseDetails details;
    details.showResponse(httpsResponse());

    for (const char *name :
         {"detailsGeneralText", "detailsSizesText", "detailsTimingText", "detailsTlsText"}) {
        const auto *label = details.findChild<QLabel *>(QString::fromLatin1(name));
        QVERIFY2(label, name);
        QVERIFY2(label->textInteractionFlags().testFlag(Qt::TextSelectableByMouse), name);
    }
    for (const char *name : {"redirectsTable", "cookiesTable"}) {
        const auto *table = details.findChild<QTableWidget *>(QString::fromLatin1(name));
        QVERIFY2(table, name);
        QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(!(table->item(0, 0)->flags() & Qt::ItemIsEditable));
    }
}

QTEST_MAIN(tst_ResponseDetails)
#include "tst_responsedetails.moc"
