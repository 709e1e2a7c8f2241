#include "ui/codepanel.h"
#include "ui/codeview.h"

#include "core/codegen/snippet.h"
#include "core/validation.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ferry;

class TestCodePanel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void offersEveryTarget();
    void showsCodeOfChosenTarget_data();
    void showsCodeOfChosenTarget();
    void editsInQuickSuccessionRegenerateOnce();
    void copyPutsCodeOnClipboard();
    void requestFerryWouldNotSendGetsNoCode_data();
    void requestFerryWouldNotSendGetsNoCode();

private:
    QComboBox *targets() const
    {
        return m_panel->findChild<QComboBox *>(QStringLiteral("codeTargetCombo"));
    }

    std::unique_ptr<CodePanel> m_panel;
};

namespace {

Request sample()
{
    Request request;
    request.method = QStringLiteral("POST");
    request.url = QStringLiteral("https://api.example.com/items");
    request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    request.auth = {AuthKind::Bearer, QStringLiteral("tok")};
    request.body = R"({"name":"Ferry"})";
    request.contentType = QStringLiteral("application/json");
    return request;
}

} // namespace

void TestCodePanel::init()
{
    m_panel = std::make_unique<CodePanel>();
    m_panel->resize(600, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestCodePanel::cleanup()
{
    m_panel.reset();
}

void TestCodePanel::offersEveryTarget()
{
    const QList<codegen::TargetInfo> all = codegen::targets();
    QVERIFY(!all.isEmpty());
    QCOMPARE(targets()->count(), all.size());
    for (int i = 0; i < all.size(); ++i) {
        QCOMPARE(targets()->itemData(i).toString(), all.at(i).id);
        QCOMPARE(targets()->itemText(i), all.at(i).label);
    }
}

void TestCodePanel::showsCodeOfChosenTarget_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("highlighted");
    for (const codegen::TargetInfo &target : codegen::targets()) {
        const bool known = QStringList{QStringLiteral("bash"), QStringLiteral("javascript"),
                                       QStringLiteral("python")}
                               .contains(target.language);
        QTest::newRow(qPrintable(target.id)) << target.id << known;
    }
}

void TestCodePanel::showsCodeOfChosenTarget()
{
    QFETCH(QString, target);
    QFETCH(bool, highlighted);

    m_panel->setRequest(sample());
    m_panel->setCurrentTarget(target);
    m_panel->flush();

    const Result<QString> expected = codegen::generateSnippet(target, sample());
    QVERIFY(expected.ok());
    QCOMPARE(m_panel->code(), expected.value());
    auto *view = m_panel->findChild<CodeView *>(QStringLiteral("codeView"));
    QVERIFY(view->isReadOnly());
    QCOMPARE(view->lexer() != nullptr, highlighted);
}

void TestCodePanel::editsInQuickSuccessionRegenerateOnce()
{
    m_panel->setCurrentTarget(QStringLiteral("curl"));
    QSignalSpy updated(m_panel.get(), &CodePanel::updated);
    Request request = sample();
    for (const char *path : {"/a", "/ab", "/abc"}) {
        request.url = QStringLiteral("https://api.example.com") + QLatin1StringView(path);
        m_panel->setRequest(request);
    }
    QVERIFY(updated.wait());
    QCOMPARE(updated.count(), 1);
    QVERIFY(m_panel->code().contains(QStringLiteral("https://api.example.com/abc")));
    QVERIFY(!updated.wait(CodePanel::kDebounceMs * 3));
}

void TestCodePanel::copyPutsCodeOnClipboard()
{
    m_panel->setRequest(sample());
    m_panel->flush();
    QApplication::clipboard()->clear();

    auto *copy = m_panel->findChild<QPushButton *>(QStringLiteral("copyCodeButton"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), m_panel->code());
    QVERIFY(!m_panel->code().isEmpty());
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QTRY_COMPARE(copy->text(), QStringLiteral("Copy"));
}

void TestCodePanel::requestFerryWouldNotSendGetsNoCode_data()
{
    QTest::addColumn<Request>("request");
    Request notAUrl = sample();
    notAUrl.url = QStringLiteral("not a url");
    QTest::newRow("not a url") << notAUrl;
    Request tokenWithLineBreak = sample();
    tokenWithLineBreak.auth.token = QStringLiteral("abc\nX-Injected: 1");
    QTest::newRow("line break in token") << tokenWithLineBreak;
}

void TestCodePanel::requestFerryWouldNotSendGetsNoCode()
{
    QFETCH(Request, request);
    const QList<FieldProblem> problems = validateRequest(request);
    QVERIFY(!problems.isEmpty());
    auto *note = m_panel->findChild<QLabel *>(QStringLiteral("codeNoteLabel"));
    QVERIFY(note);
    auto *copy = m_panel->findChild<QPushButton *>(QStringLiteral("copyCodeButton"));

    for (const codegen::TargetInfo &target : codegen::targets()) {
        m_panel->setCurrentTarget(target.id);
        m_panel->setRequest(request);
        m_panel->flush();
        QVERIFY2(m_panel->code().isEmpty(),
                 qPrintable(target.id + QStringLiteral(": ") + m_panel->code()));
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(problems.first().message), qPrintable(note->text()));
        QVERIFY(!copy->isEnabled());
    }

    // Fixed, the request gets its code back.
    m_panel->setCurrentTarget(QStringLiteral("curl"));
    m_panel->setRequest(sample());
    m_panel->flush();
    QCOMPARE(m_panel->code(), codegen::generateSnippet(QStringLiteral("curl"), sample()).value());
    QVERIFY(note->isHidden());
    QVERIFY(copy->isEnabled());
}

QTEST_MAIN(TestCodePanel)
#include "tst_codepanel.moc"
