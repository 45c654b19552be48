"""Which code page the reader finds for legacy (non-UTF-8) text files, against charset-normalizer, the detector
a user would reach for (and the one corpus_pkg used before chardet 7): how many files come out letter for letter,
and the time per file. Each text is a made-up city-council story written for this benchmark, in the code pages
its language used before UTF-8, once as its first sentence (short) and once whole.

    python benchmarks/codepage_accuracy.py
"""

from __future__ import annotations

import time

from charset_normalizer import from_bytes

from corpus_pkg.read import DoubtfulEncoding, decode

STORIES = {
    "fr": (['cp1252'], "Le conseil municipal a approuvé mercredi le prolongement de la ligne de tramway vers le nord de la ville. Les travaux commenceront à l'été et coûteront près de quarante millions d'euros, selon le maire, qui a salué « une étape décisive » pour les habitants des quartiers éloignés."),
    "es": (['cp1252'], "El ayuntamiento aprobó el miércoles la ampliación de la línea de tranvía hacia el norte de la ciudad. Las obras comenzarán en verano y costarán cerca de cuarenta millones de euros, según el alcalde, que habló de un paso decisivo para los vecinos."),
    "de": (['cp1252'], "Der Stadtrat hat am Mittwoch die Verlängerung der Straßenbahnlinie in den Norden der Stadt beschlossen. Die Arbeiten beginnen im Sommer und kosten fast vierzig Millionen Euro, sagte der Bürgermeister, der von einem großen Schritt für die Anwohner sprach."),
    "pt": (['cp1252'], "A câmara municipal aprovou na quarta-feira o prolongamento da linha de elétrico para o norte da cidade. As obras começam no verão e custarão cerca de quarenta milhões de euros, segundo o presidente, que falou de um passo decisivo."),
    "da": (['cp1252'], "Byrådet godkendte onsdag forlængelsen af sporvognslinjen mod nord. Arbejdet går i gang til sommer og koster næsten fyrre millioner euro, siger borgmesteren, som kaldte det et afgørende skridt for beboerne i de yderste kvarterer. Søndag blev der holdt møde på rådhuset."),
    "no": (['cp1252'], "Bystyret vedtok onsdag å forlenge trikkelinjen nordover. Arbeidet starter til sommeren og koster nesten førti millioner euro, sier ordføreren, som kalte det et avgjørende skritt for beboerne i de ytre bydelene. Møtet på rådhuset varte i fire timer."),
    "is": (['cp1252'], "Borgarstjórn samþykkti á miðvikudag að lengja sporvagnalínuna til norðurs. Framkvæmdir hefjast í sumar og kosta nærri fjörutíu milljónir evra, sagði borgarstjórinn, sem kallaði þetta mikilvægt skref fyrir íbúana í úthverfunum."),
    "it": (['cp1252'], "Il consiglio comunale ha approvato mercoledì il prolungamento della linea del tram verso il nord della città. I lavori cominceranno in estate e costeranno quasi quaranta milioni di euro, ha detto il sindaco, che ha parlato di un passo decisivo."),
    "sv": (['cp1252'], "Kommunfullmäktige beslutade i onsdags att förlänga spårvägslinjen norrut. Arbetet börjar i sommar och kostar nästan fyrtio miljoner euro, säger kommunalrådet, som kallade det ett avgörande steg för de boende i ytterområdena."),
    "fi": (['cp1252'], "Kaupunginvaltuusto hyväksyi keskiviikkona raitiotielinjan jatkamisen pohjoiseen. Työt alkavat kesällä ja maksavat lähes neljäkymmentä miljoonaa euroa, sanoi pormestari, jonka mukaan päätös on tärkeä askel lähiöiden asukkaille."),
    "pl": (['cp1250', 'iso8859_2'], "Rada miasta zatwierdziła w środę przedłużenie linii tramwajowej na północ. Prace rozpoczną się latem i będą kosztować prawie czterdzieści milionów euro, powiedział prezydent miasta, który mówił o przełomowym kroku dla mieszkańców dalekich dzielnic."),
    "cs": (['cp1250', 'iso8859_2'], "Zastupitelstvo ve středu schválilo prodloužení tramvajové trati na sever města. Práce začnou v létě a budou stát téměř čtyřicet milionů eur, řekl primátor Jiří Dvořák, podle něhož jde o důležitý krok pro obyvatele okrajových čtvrtí."),
    "sk": (['cp1250', 'iso8859_2'], "Mestské zastupiteľstvo v stredu schválilo predĺženie električkovej trate na sever mesta. Práce sa začnú v lete a budú stáť takmer štyridsať miliónov eur, povedal primátor, podľa ktorého ide o dôležitý krok pre obyvateľov."),
    "hu": (['cp1250'], "A közgyűlés szerdán jóváhagyta a villamosvonal meghosszabbítását a város északi részébe. A munkálatok nyáron kezdődnek, és csaknem negyvenmillió euróba kerülnek – mondta a polgármester, aki fontos lépésnek nevezte a döntést."),
    "hr": (['cp1250', 'iso8859_2'], "Gradsko vijeće u srijedu je odobrilo produženje tramvajske pruge prema sjeveru grada. Radovi počinju ljeti i koštat će gotovo četrdeset milijuna eura, rekao je gradonačelnik, koji je to nazvao važnim korakom za stanovnike rubnih četvrti."),
    "ro": (['cp1250'], "Consiliul local a aprobat miercuri prelungirea liniei de tramvai spre nordul oraşului. Lucrările încep vara şi vor costa aproape patruzeci de milioane de euro, a spus primarul, care a vorbit despre un pas important pentru locuitori."),
    "tr": (['cp1254'], "Belediye meclisi çarşamba günü tramvay hattının şehrin kuzeyine uzatılmasını onayladı. Çalışmalar yazın başlayacak ve yaklaşık kırk milyon avroya mal olacak, dedi belediye başkanı Ayşe Yılmaz, kararı uzak mahallelerde yaşayanlar için önemli bir adım olarak nitelendirdi."),
    "lt": (['cp1257'], "Miesto taryba trečiadienį patvirtino tramvajaus linijos pratęsimą į šiaurę. Darbai prasidės vasarą ir kainuos beveik keturiasdešimt milijonų eurų, sakė meras, pavadinęs sprendimą svarbiu žingsniu gyventojams."),
    "lv": (['cp1257'], "Pilsētas dome trešdien apstiprināja tramvaja līnijas pagarināšanu uz ziemeļiem. Darbi sāksies vasarā un izmaksās gandrīz četrdesmit miljonus eiro, sacīja mērs, nosaucot lēmumu par svarīgu soli iedzīvotājiem."),
    "ru": (['cp1251', 'koi8_r'], "Городской совет в среду одобрил продление трамвайной линии на север города. Работы начнутся летом и обойдутся почти в сорок миллионов евро, сообщил мэр, назвав решение важным шагом для жителей окраин."),
    "uk": (['cp1251', 'koi8_u'], "Міська рада в середу схвалила продовження трамвайної лінії на північ міста. Роботи почнуться влітку й коштуватимуть майже сорок мільйонів євро, повідомив міський голова, який назвав рішення важливим кроком."),
    "bg": (['cp1251'], "Общинският съвет одобри в сряда удължаването на трамвайната линия на север. Работите ще започнат през лятото и ще струват почти четиридесет милиона евро, каза кметът."),
    "ar": (['cp1256', 'iso8859_6'], "وافق المجلس البلدي يوم الأربعاء على تمديد خط الترام إلى شمال المدينة. وستبدأ الأعمال في الصيف وتكلف نحو أربعين مليون يورو، بحسب رئيس البلدية الذي وصف القرار بأنه خطوة مهمة للسكان."),
    "el": (['cp1253', 'iso8859_7'], "Το δημοτικό συμβούλιο ενέκρινε την Τετάρτη την επέκταση της γραμμής του τραμ προς τα βόρεια της πόλης. Τα έργα θα ξεκινήσουν το καλοκαίρι και θα κοστίσουν σχεδόν σαράντα εκατομμύρια ευρώ, δήλωσε ο δήμαρχος."),
    "he": (['cp1255', 'iso8859_8'], "מועצת העיר אישרה ביום רביעי את הארכת קו הרכבת הקלה לצפון העיר. העבודות יתחילו בקיץ ויעלו כמעט ארבעים מיליון אירו, אמר ראש העיר, שכינה את ההחלטה צעד חשוב לתושבים."),
    "th": (['cp874'], "สภาเมืองอนุมัติการขยายเส้นทางรถรางไปทางเหนือของเมืองเมื่อวันพุธ งานจะเริ่มในฤดูร้อนและมีค่าใช้จ่ายเกือบสี่สิบล้านยูโร นายกเทศมนตรีกล่าว"),
    "zh": (['gb18030', 'gbk'], "市议会周三批准了将有轨电车线路延伸至城市北部的计划。工程将于夏季开工，耗资近四千万欧元，市长表示这是对边远地区居民的重要一步。"),
    "zt": (['big5'], "市議會週三批准了將輕軌電車路線延伸至城市北部的計畫。工程將於夏季開工，耗資近四千萬歐元，市長表示這是對偏遠地區居民的重要一步。"),
    "ja": (['cp932', 'euc_jp', 'iso2022_jp'], "市議会は5日、路面電車の路線を市の北部へ延長する計画を承認した。工事は夏に始まり、費用は約4000万ユーロになる見通しだと市長が述べた。"),
    "ko": (['euc_kr', 'cp949'], "시의회는 5일 노면전차 노선을 도시 북부로 연장하는 계획을 승인했다. 공사는 여름에 시작되며 비용은 약 4천만 유로가 들 것이라고 시장이 밝혔다."),
}


def samples() -> list[tuple[str, str, str, bytes]]:
    """(language, codec, length, bytes) for every story, codec and length."""
    found = []
    for language, (codecs, story) in STORIES.items():
        for codec in codecs:
            for length, text in (("short", story.split(". ")[0] + "."), ("long", story)):
                found.append((language, codec, length, text, text.encode(codec)))
    return found


def ours(data: bytes) -> str | None:
    try:
        return decode(data).text
    except DoubtfulEncoding:
        return None


def charset_normalizer(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return None if best is None else str(best)


def main() -> None:
    cases = samples()
    print(f"{len(cases)} files, {len(STORIES)} languages")
    print("| detector | right | wrong | ms per file |\n|---|---:|---:|---:|")
    for name, detect in (("corpus_pkg (chardet 7 + the mixed-script check)", ours),
                         ("charset-normalizer from_bytes().best()", charset_normalizer)):
        detect(cases[0][4])     # models loaded before the clock starts
        wrong, started = [], time.perf_counter()
        for language, codec, length, text, data in cases:
            if detect(data) != text:
                wrong.append(f"{language}/{codec}/{length}")
        elapsed = time.perf_counter() - started
        print(f"| {name} | {len(cases) - len(wrong)} | {len(wrong)} | {1000 * elapsed / len(cases):.2f} |")
        if wrong:
            print(f"|  wrong: {', '.join(wrong)} | | | |")


if __name__ == "__main__":
    main()
