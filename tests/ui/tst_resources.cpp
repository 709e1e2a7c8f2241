#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>
#include <QXmlStreamReader>

class TestResources final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appIconRendersAtEverySize_data();
    void appIconRendersAtEverySize();
    void desktopFileLaunchesFerryWithItsIcon();
    void metainfoNamesTheDesktopFile();
};

namespace {

QString resourcePath(const char *name)
{
    return QStringLiteral(FERRY_RESOURCES_DIR "/") + QLatin1StringView(name);
}

// Desktop files are a simple "key=value" format; this reads the [Desktop Entry] group.
QMap<QString, QString> desktopEntry(const QString &path)
{
    QMap<QString, QString> entry;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entry;
    bool inEntry = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'['))
            inEntry = line == u"[Desktop Entry]";
        else if (inEntry && line.contains(u'='))
            entry.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    return entry;
}

} // namespace

void TestResources::appIconRendersAtEverySize_data()
{
    QTest::addColumn<int>("size");
    for (int size : {16, 32, 48, 256})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void TestResources::appIconRendersAtEverySize()
{
    QFETCH(int, size);
    const QIcon icon(QStringLiteral(":/icons/ferry.svg"));
    QVERIFY(!icon.isNull());

    const QImage image = icon.pixmap(size, size).toImage();
    QCOMPARE(image.size(), QSize(size, size));
    // Drawn, not blank: the centre is opaque and the image has more than one colour.
    QCOMPARE(image.pixelColor(size / 2, size / 2).alpha(), 255);
    QVERIFY(image.pixelColor(size / 2, size / 2) != image.pixelColor(size / 2, size * 3 / 4));
}

void TestResources::desktopFileLaunchesFerryWithItsIcon()
{
    const QMap<QString, QString> entry = desktopEntry(resourcePath("ferry.desktop"));
    QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
    QCOMPARE(entry.value(QStringLiteral("Name")), QStringLiteral("Ferry"));
    QCOMPARE(entry.value(QStringLiteral("Exec")), QStringLiteral("ferry"));
    // The icon is installed under the application id.
    QCOMPARE(entry.value(QStringLiteral("Icon")), QStringLiteral("io.ferry.Ferry"));
    QVERIFY(entry.value(QStringLiteral("Categories")).split(u';').contains(u"Development"));
}

void TestResources::metainfoNamesTheDesktopFile()
{
    QFile file(resourcePath("io.ferry.Ferry.metainfo.xml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString id;
    QString launchable;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"id")
            id = xml.readElementText();
        else if (xml.name() == u"launchable")
            launchable = xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(id, QStringLiteral("io.ferry.Ferry"));
    QCOMPARE(launchable, id + QStringLiteral(".desktop"));
}

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
