"""Pages of the claim corpus, written for it in its author's words: stand-ins for the sources
the brief's article cites, at the addresses its notes give, in the languages those sources use
(a few addresses carry another of the sources' languages so that each is covered). Nothing
here is copied from the real pages; the facts follow the article's notes, and a few are
changed on purpose (notes 75 and 76: the day of the signing)."""

from __future__ import annotations

from page_shell import Page

AA = "Anadolu Ajansı"
PAGES = (
    Page(
        "https://www.dw.com/hr/turske-igre-dronova/a-66338174", "hr", "Deutsche Welle",
        "Turske igre dronova",
        (
            "Turska posljednjih godina sve snažnije vojno nastupa na Balkanu, ponajprije izvozom oružja, a analitičari govore o turskoj dronskoj diplomaciji.",
            "Dronove Bayraktar TB2 dosad su nabavile tri balkanske zemlje.",
        ),
        published="2023-07-25", byline="Samir Huseinović",
        caption="Dron Bayraktar TB2 na sajmu u Istanbulu, 2022.",
    ),
    Page(
        "https://mfa.gov.mk/en/page/163/bilateral-relations-between-the-republic-of-north-macedonia-and-the-republic-of-turkey-",
        "mk", "Министерство за надворешни работи",
        "Билатерални односи меѓу Република Северна Македонија и Република Турција",
        (
            "Дипломатските односи меѓу двете земји се воспоставени во 1992 година, а Турција беше меѓу првите држави што ја признаа независноста.",
            "Во областа на одбраната, Договорот за соработка во воената обука меѓу Македонија и Турција е потпишан на 24 март 1994 година во Скопје.",
            "Подоцна беа склучени и други договори за воено-техничка соработка.",
        ),
        caption="Средба на министрите во Анкара, архивска фотографија од 12.05.2018",
    ),
    Page(
        "https://apps.dtic.mil/sti/pdfs/ADA328118.pdf", "en", "DTIC",
        "Operation Sharp Guard: Lessons Learned for the Policymaker and Commander",
        (
            "Naval War College, Newport, R.I.",
            "After the Security Council adopted Resolution 757, which imposed sanctions on Serbia and Montenegro, NATO ships began Operation Maritime Monitor in the Adriatic in July 1992.",
            "The monitoring force reported suspect vessels but had no authority to stop them.",
        ),
        byline="Kathleen M. Reddy", founded="Approved for public release",
    ),
    Page(
        "https://www.tsk.tr/Sayfalar?viewName=BarisiDestekleme", "tr",
        "T.C. Millî Savunma Bakanlığı Genelkurmay Başkanlığı",
        "Türkiye'nin Barışı Destekleme Harekâtına Katkıları",
        (
            "Türk Silahlı Kuvvetleri, 1993 yılından bu yana Balkanlarda NATO, AB ve BM öncülüğündeki barış harekâtlarına katılmaktadır.",
            "Türk Hava Kuvvetleri, NATO'nun Uygulama Gücü (IFOR) görevine katkı vermiş, 1996 yılından itibaren İstikrar Gücü (SFOR) bünyesinde görev yapmış ve 2002 yılına kadar bu katkısını sürdürmüştür.",
            "Arnavutluk'taki Alba Harekâtı'na 753 personel, iki firkateyn ve iki diğer gemi ile katılınmıştır.",
            "Makedonya'da AB'nin devraldığı misyonun ardından EUPOL Proxima polis misyonuna Türk jandarma ve polis personeli katılmıştır.",
            "Bosna-Hersek'teki EUFOR Althea Harekâtı'na katkı, kuvvetin genel olarak küçültülmesi kapsamında 2012 yılından itibaren bölük seviyesine indirilmiştir.",
            "Kosova'da Türkiye, BM Kosova Misyonu (UNMIK) karargâhında bir subay ile temsil edilmektedir.",
            "KFOR bünyesinde ise toplam 380 personelden oluşan bir motorize piyade taburu ile 6 İrtibat ve İzleme Takımı görev yapmaktadır.",
            "NATO'nun talebi üzerine 1 Eylül 2020 tarihinden itibaren KFOR için bir Operasyonel Yedek Tabur tahsis edilmiştir.",
        ),
        headings={2: "Arnavutluk", 3: "Makedonya", 4: "Bosna-Hersek", 5: "Kosova"},
        founded="Kuruluş: 1920",
    ),
    Page(
        "https://digitallibrary.un.org/record/137965?v=pdf", "en", "United Nations Digital Library",
        "Resolution 743 (1992) / adopted by the Security Council at its 3055th meeting, on 21 February 1992",
        (
            "S/RES/743 (1992). Adopted by the Security Council at its 3055th meeting, on 21 February 1992.",
            "The Security Council decides to establish under its authority a United Nations Protection Force (UNPROFOR) in accordance with the report of the Secretary-General.",
            "The Council requests the Secretary-General to take the measures necessary to ensure its earliest possible deployment.",
        ),
        related=("Resolution 757 (1992)", "Resolution 776 (1992)"),
    ),
    Page(
        "https://www.iai.it/sites/default/files/iai9801.pdf", "en", "Istituto Affari Internazionali",
        "Delegated Peacekeeping: The Case of Operation Alba",
        (
            "The collapse of the pyramid schemes in Albania brought the country to the edge of civil war.",
            "The multinational protection force deployed from 16 April to 1 August 1997, under the lead of Italy.",
            "Turkey contributed 753 personnel, two frigates and two other vessels to the operation.",
        ),
        byline="Ettore Greco",
    ),
    Page(
        "https://sedmprocess.org/web/sedmp/structure", "en", "SEDM Process Public Portal",
        "Structure and Organization",
        (
            "The South-East Europe Defence Ministerial (SEDM) process was launched in 1996 to strengthen understanding and cooperation among the countries of the region.",
            "It is now the most regular and extensive regional defence mechanism, with a Coordination Committee (SEDM-CC) meeting twice a year.",
        ),
        founded="© 2024 SEDM",
    ),
    Page(
        "https://seebrig.org/south-eastern-europe-brigade-seebrig", "en", "SEEBRIG",
        "South-Eastern Europe Brigade",
        (
            "The South-Eastern Europe Brigade (SEEBRIG) was activated in 1999 under the Agreement on the Multinational Peace Force South-Eastern Europe.",
            "Türkiye has been a member nation of the brigade since its establishment, and its headquarters rotates among the members.",
        ),
        caption="Change of command ceremony, 14 June 2021",
        founded="Established 1999",
    ),
    Page(
        "https://www.msb.gov.tr/Content/Upload/Docs/bulgaristan.pdf", "tr", "T.C. Millî Savunma Bakanlığı",
        "Türkiye Cumhuriyeti Hükümeti ile Bulgaristan Cumhuriyeti Hükümeti Arasında Savunma Sanayii Güvenliği Anlaşması",
        (
            "Türkiye Cumhuriyeti Hükümeti ile Bulgaristan Cumhuriyeti Hükümeti, savunma sanayii alanındaki gizlilik dereceli bilgilerin korunmasını amaçlayarak aşağıdaki hususlarda anlaşmışlardır.",
            "Madde 12. Bu Anlaşma, 20 Mart 2012 tarihinde Sofya'da, Türkçe, Bulgarca ve İngilizce dillerinde ikişer nüsha olarak imzalanmıştır.",
        ),
    ),
    Page(
        "https://www.trthaber.com/haber/dunya/turkiye-ile-bosna-hersek-arasinda-askeri-ve-mali-isbirligi-158117.html",
        "tr", "TRT Haber", "Türkiye ile Bosna Hersek arasında \"askeri ve mali\" işbirliği",
        (
            "Türkiye ile Bosna Hersek arasında askeri ve mali işbirliği anlaşmasının imzalanması için hazırlıklar tamamlandı.",
            "Anlaşma, 24 Aralık'ta Saraybosna'da iki ülkenin savunma bakanları tarafından imzalanacak.",
            "Anlaşmayla Bosna Hersek Silahlı Kuvvetlerine teçhizat ve eğitim desteği sağlanacak.",
        ),
        published="2014-12-12", byline="TRT Haber / Saraybosna",
        related=("Bosna Hersek'e askeri yardım (03.06.2013)",),
    ),
    Page(
        "https://www.mfa.gov.tr/guvenlik-isbirligi-merkezi.tr.mfa", "tr", "T.C. Dışişleri Bakanlığı",
        "Güvenlik İşbirliği Merkezi (RACVIAC)",
        (
            "RACVIAC, 2001 yılında Hırvatistan'da bölgesel silah kontrolü doğrulama merkezi olarak kurulmuştur.",
            "14 Nisan 2010 tarihinde Türkiye'nin de aralarında bulunduğu sekiz ülke, RACVIAC-Güvenlik İşbirliği Merkezi Anlaşması'nı imzalayarak merkezi uluslararası bir kuruluşa dönüştürmüştür.",
            "Türkiye, merkezin Çokuluslu Danışma Grubu'na başkanlık etmiştir.",
        ),
    ),
    Page(
        "https://euforbih.org/index.php/about-eufor/background", "en", "EUFOR",
        "About EUFOR",
        (
            "Operation EUFOR Althea was launched on 2 December 2004 and today comprises personnel from 23 countries.",
            "Türkiye is one of the largest non-EU troop contributors. Its contingent includes a motorized infantry platoon in Sarajevo and five liaison and monitoring teams in cities across the country.",
            "Last updated: 04/11/2023",
        ),
        caption="EUFOR soldiers during an exercise, 09/05/2022",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/natonun-talebiyle-kosovaya-gonderilen-ihiyat-birligi-turkiye-ye-donuyor/2984153",
        "tr", AA, "NATO'nun talebiyle Kosova'ya gönderilen ihtiyat birliği Türkiye'ye dönüyor",
        (
            "NATO'nun Kosova Barış Gücü (KFOR) bünyesinde görev yapmak üzere haziran ayında bölgeye gönderilen Türk ihtiyat taburu, üç aylık görevinin ardından yurda dönüyor.",
            "Tabur, kuzey Kosova'daki olayların ardından NATO'nun talebiyle konuşlandırılmıştı.",
        ),
        published="2023-09-05", byline="Sefa Şahin", dateline="PRİŞTİNE (AA)",
        caption="Türk askerleri Priştine'de (Fotoğraf: AA, 12.06.2023)",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/turkiye-natonun-kosovadaki-baris-gucunun-komutasini-devraldi/3014245",
        "tr", AA, "Türkiye, NATO'nun Kosova'daki Barış Gücü'nün komutasını devraldı",
        (
            "Türkiye, NATO'nun Kosova Barış Gücü'nün (KFOR) komutasını bugün düzenlenen törenle devraldı.",
            "Tümgeneral Özkan Ulutaş, bir yıl süreyle KFOR komutanı olarak görev yapacak.",
        ),
        published="2023-10-10", byline="Eren Bektaş", dateline="PRİŞTİNE (AA)",
    ),
    Page(
        "https://klankosova.tv/turqia-sot-merr-drejtimin-e-kfor-it-ne-kosove", "sq", "Klan Kosova",
        "Turqia sot merr drejtimin e KFOR-it në Kosovë",
        (
            "Turqia sot merr komandën e misionit paqeruajtës të NATO-s në Kosovë, KFOR.",
            "Gjenerali turk do ta drejtojë misionin për një vit, pas italianëve.",
        ),
        published="2023-10-10", related=("KFOR shton patrullimet në veri (29.05.2023)",),
    ),
    Page(
        "https://www.msb.gov.tr/SlaytHaber/b700a0ab7ef54a49b3321aa89f8537a6", "tr",
        "T.C. Millî Savunma Bakanlığı",
        "Millî Savunma Bakanı Yaşar Güler, SEDM Toplantısı'nın Ardından Basın Toplantısında Konuştu",
        (
            "Millî Savunma Bakanı Yaşar Güler, Güneydoğu Avrupa Savunma Bakanları (SEDM) Koordinasyon Komitesi toplantısının ardından açıklama yaptı.",
            "Bakan Güler, SEDM'nin mükemmel bir güven artırıcı mekanizma olduğunu belirterek rolünün güçlendirilmesini desteklediklerini söyledi.",
        ),
        dateline="ANKARA, 22.11.2023",
    ),
    Page(
        "https://www.racviac.org/cse-pillar", "en", "RACVIAC – Centre for Security Cooperation",
        "Cooperative Security Environment Pillar",
        (
            "The Cooperative Security Environment Pillar deals with arms control, confidence- and security-building measures and related training.",
            "The Pillar is headed by a colonel seconded by Türkiye.",
        ),
    ),
    Page(
        "https://www.msb.gov.tr/SlaytHaber/27122021-40036", "tr", "T.C. Millî Savunma Bakanlığı",
        "Millî Savunma Bakanı Hulusi Akar, Bosna Hersek Devlet Başkanlığı Konseyi Üyeleri ile Görüştü",
        (
            "Millî Savunma Bakanı Hulusi Akar, Bosna Hersek'e yaptığı ziyaret kapsamında Devlet Başkanlığı Konseyi üyeleriyle ayrı ayrı görüştü.",
            "Bakan Akar, Türkiye'nin Bosna Hersek'in toprak bütünlüğüne verdiği desteği vurguladı.",
        ),
        dateline="SARAYBOSNA, 27.12.2021",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/sirbistan-turkiye-ile-iliskilerini-gelistirmek-ve-siyasi-diyalogu-devam-ettirmek-istiyor/3032471",
        "tr", AA, "Sırbistan, Türkiye ile ilişkilerini geliştirmek ve siyasi diyaloğu devam ettirmek istiyor",
        (
            "Sırbistan Cumhurbaşkanı Aleksandar Vučić, Belgrad'da Millî Savunma Bakanı Yaşar Güler'i kabul etti.",
            "Bakan Güler, Türkiye'nin Balkanlardaki meselelere tarafsız yaklaştığını, ülkelerin toprak bütünlüğüne saygı duyduğunu ve Sırbistan ile askeri işbirliğine açık olduğunu söyledi.",
        ),
        published="2023-10-25", byline="Lejla Biogradlija", dateline="BELGRAD (AA)",
    ),
    Page(
        "https://www.aa.com.tr/en/europe/turkey-serbia-herald-a-new-era-in-relations/1607301", "en",
        "Anadolu Agency", "Turkey, Serbia herald a new era in relations",
        (
            "Turkey and Serbia have opened a new chapter in their relations, officials said during President Erdogan's visit to Belgrade.",
            "The two countries signed a military framework agreement on Monday, alongside deals on trade and infrastructure.",
        ),
        published="2019-10-09", byline="Kayhan Gül", dateline="ANKARA",
        related=("Erdogan arrives in Belgrade for official visit (10/07/2019)",),
    ),
    Page(
        "https://www.aa.com.tr/tr/gundem/turkiye-ve-romanya-arasinda-askeri-cerceve-anlasmasi-imzalandi/3009437",
        "tr", AA, "Türkiye ve Romanya arasında \"Askeri Çerçeve Anlaşması\" imzalandı",
        (
            "Millî Savunma Bakanı Yaşar Güler ile Romanya Savunma Bakanı Angel Tîlvăr, Ankara'da bugün bir araya geldi.",
            "Görüşmenin ardından iki ülke arasında Askeri Çerçeve Anlaşması imzalandı.",
        ),
        published="2023-10-06", byline="Sarp Özer",
    ),
    Page(
        "https://www.msb.gov.tr/SlaytHaber/b2dcee512a544f6688bab1914aa149ac", "tr",
        "T.C. Millî Savunma Bakanlığı",
        "Millî Savunma Bakanı Yaşar Güler, Kosova Savunma Bakanı Ejup Maqedonci ile Ankara'da Bir Araya Geldi",
        (
            "Millî Savunma Bakanı Yaşar Güler, Kosova Savunma Bakanı Ejup Maqedonci'yi bugün Ankara'da kabul etti.",
            "Görüşmenin ardından Türkiye ile Kosova arasında Askerî Çerçeve Anlaşması imzalandı.",
        ),
        dateline="ANKARA, 29.01.2024",
    ),
    Page(
        "https://www.aa.com.tr/tr/gundem/turkiye-ile-arnavutluk-arasinda-6-anlasma-imzalandi/3143198",
        "tr", AA, "Türkiye ile Arnavutluk arasında 6 anlaşma imzalandı",
        (
            "Cumhurbaşkanı Erdoğan'ın Tiran ziyareti kapsamında Türkiye ile Arnavutluk arasında bugün 6 anlaşma imzalandı.",
            "İmzalanan belgeler arasında Askeri Çerçeve Anlaşması da yer aldı.",
        ),
        published="2024-02-20", byline="Mehmet Tosun", dateline="TİRAN (AA)",
        caption="Tören sırasında (Fotoğraf: AA)",
    ),
    Page(
        "https://www.msb.gov.tr/SlaytHaber/442019-22123", "tr", "T.C. Millî Savunma Bakanlığı",
        "Bakan Akar Kosova'da Heyetler Arası Toplantıya Başkanlık Etti",
        (
            "Millî Savunma Bakanı Hulusi Akar, Priştine'de Perşembe günü heyetler arası toplantıya başkanlık etti.",
            "Toplantının ardından Türkiye ile Kosova arasında Askeri Mali İşbirliği Anlaşması imzalandı.",
        ),
        published="2019-04-05",
    ),
    Page(
        "https://www.hurriyet.com.tr/dunya/akar-karadag-savunma-bakani-boskovic-ile-gorustu-41341675",
        "tr", "Hürriyet", "Akar, Karadağ Savunma Bakanı Boşkoviç ile görüştü",
        (
            "Millî Savunma Bakanı Hulusi Akar, dün Ankara'da Karadağ Savunma Bakanı Predrag Boşkoviç ile görüştü.",
            "Görüşmede iki ülke arasında Askeri Mali İşbirliği Anlaşması imzalandı.",
        ),
        published="2019-10-02", byline="Hürriyet - Dünya",
        related=("Karadağ ile yeni dönem (12.10.2018)",), founded="© 2019 Hürriyet",
    ),
    Page(
        "https://www.aa.com.tr/tr/turkiye/turkiye-ile-bosna-hersek-arasinda-askeri-mali-isbirligi-anlasmasi-imzalandi/2163467",
        "tr", AA, "Türkiye ile Bosna Hersek arasında Askeri Mali İşbirliği Anlaşması imzalandı",
        (
            "Türkiye ile Bosna Hersek arasında Askeri Mali İşbirliği Anlaşması, 3 Mart'ta Ankara'da düzenlenen törenle imzalandı.",
            "Anlaşma kapsamında Bosna Hersek Silahlı Kuvvetlerine hibe sağlanacak.",
        ),
        published="2021-03-03",
    ),
    Page(
        "https://yenibalkan.com/tr/gundem/turkiye-ve-makedonya-askeri-anlasmaya-imza-atti", "tr",
        "Yeni Balkan", "Türkiye ve Makedonya askeri anlaşmaya imza attı",
        (
            "Türkiye ile Kuzey Makedonya arasında Askeri Mali İşbirliği Anlaşması, 17 Ağustos'ta Üsküp'te imzalandı.",
            "Anlaşmayı iki ülkenin savunma yetkilileri imzaladı.",
        ),
        published="2021-08-18",
    ),
    Page(
        "https://www.haberturk.com/kosova-ile-turkiye-arasindaki-savunma-isbirligi-anlasmasi-yenilendi-2550822",
        "tr", "Habertürk", "Kosova ile Türkiye arasındaki savunma işbirliği anlaşması yenilendi",
        (
            "Kosova ile Türkiye arasında 2011 yılında imzalanan Savunma Sanayii İşbirliği Anlaşması, 16 Aralık'ta Priştine'de yenilendi.",
            "Anlaşmayı Kosova Güvenlik Kuvvetleri Bakanı ile Türkiye'nin Priştine Büyükelçisi imzaladı.",
        ),
        published="2019-12-18", caption="İmza töreni (Fotoğraf: 16.12.2019)",
    ),
    Page(
        "https://www.balkannews.com.tr/kosova/kosova-turkiye-den-savunma-malzemesi-tedarik-edecek-h3163.html",
        "tr", "Balkan News", "Kosova, Türkiye'den savunma malzemesi tedarik edecek",
        (
            "Kosova ile Türkiye arasında savunma sanayii malzemelerinin tedarikine ilişkin anlaşma dün imzalandı.",
            "Kosova Savunma Bakanlığı, anlaşmanın ordunun modernizasyonuna katkı sağlayacağını açıkladı.",
        ),
        published="2022-05-18",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/cumhurbaskani-erdogan-kimlik-kartlariyla-bosna-hersek-turkiye-arasindaki-gidis-gelisleri-yapabilme-kararini-verdik/2678100",
        "tr", AA, "Cumhurbaşkanı Erdoğan: Kimlik kartlarıyla Bosna Hersek-Türkiye arasındaki gidiş gelişleri yapabilme kararını verdik",
        (
            "Cumhurbaşkanı Recep Tayyip Erdoğan, Saraybosna'da bugün Bosna Hersek Devlet Başkanlığı Konseyi üyeleriyle ortak basın toplantısı düzenledi.",
            "Erdoğan, vatandaşların bundan böyle kimlik kartlarıyla seyahat edebileceğini söyledi.",
            "Erdoğan ayrıca Balkanlarda barışın korunmasının önemine değindi.",
            "Ziyaret sırasında iki ülke arasında savunma sanayiinde gizlilik dereceli bilgilerin karşılıklı korunmasına ilişkin anlaşma da imzalandı.",
        ),
        published="2022-09-06", headings={2: "Balkanlarda barış", 3: "İmzalanan anlaşmalar"},
    ),
    Page(
        "https://www.bta.bg/en/news/balkans/599142-bulgaria-romania-turkiye-sign-mou-on-mine-counter-measures-task-group-black-sea",
        "bg", "БТА", "България, Румъния и Турция подписаха меморандум за групата за противоминни действия в Черно море",
        (
            "Министрите на отбраната на България, Румъния и Турция подписаха в Истанбул меморандум за създаване на група за противоминни действия в Черно море.",
            "Командващите военноморските сили на трите държави ще се срещат периодично, а операциите ще се извършват от корабите на три държави съгласувано.",
        ),
        published="2024-01-11", byline="Любомир Гигов", dateline="Истанбул, 11 януари (БТА)",
    ),
    Page(
        "https://www.aa.com.tr/en/europe/kosovo-security-forces-receive-turkish-bayraktar-drones/2890474",
        "en", "Anadolu Agency", "Kosovo Security Forces receive Turkish Bayraktar drones",
        (
            "Kosovo Security Forces received Turkish-made Bayraktar TB2 drones at a ceremony today, Prime Minister Albin Kurti said.",
            "Kosovo purchased the drones from Türkiye in 2022.",
        ),
        published="2023-05-06", byline="Mustafa Talha Öztürk", dateline="PRISTINA",
    ),
    Page(
        "https://www.aa.com.tr/en/turkiye/turkish-uav-tb2-enters-inventory-of-albanian-army/3154923",
        "en", "Anadolu Agency", "Turkish UAV TB2 enters inventory of Albanian army",
        (
            "The Bayraktar TB2 drones that Albania bought from Türkiye in 2022 arrived this week and entered the inventory of the Albanian Armed Forces.",
            "Prime Minister Edi Rama attended the ceremony at the Kuçova air base on Monday.",
        ),
        published="2024-03-06", dateline="TIRANA",
    ),
    Page(
        "https://www.defensenews.com/global/europe/2023/04/25/romania-awards-321-million-contract-for-turkish-tb2-combat-drones/",
        "en", "Defense News", "Romania awards $321 million contract for Turkish TB2 combat drones",
        (
            "Romania's defense ministry has awarded a $321 million contract to Turkish drone maker Baykar for 18 Bayraktar TB2 unmanned aerial vehicles.",
            "The deal includes ground control stations and training, the ministry said on Tuesday.",
        ),
        published="2023-04-25", byline="By Elisabeth Gosselin-Malo",
        related=("Poland buys 24 TB2 drones (May 24, 2021)", "Latvia signs drone deal"),
    ),
    Page(
        "https://www.savunmasanayist.com/romanyadaki-milyar-dolarlik-ihale-otokara-kaldi", "ro",
        "SavunmaSanayiST", "Otokar câștigă licitația de un miliard de dolari din România",
        (
            "Compania turcă Otokar a câștigat licitația armatei române pentru vehicule blindate.",
            "Turcia exportă în regiune vehicule blindate, sisteme navale și tehnologii software.",
        ),
        published="2023-12-01",
    ),
    Page(
        "https://www.aa.com.tr/en/europe/turkey-hails-kosovos-move-to-establish-national-army/1341624",
        "en", "Anadolu Agency", "Turkey hails Kosovo's move to establish national army",
        (
            "Türkiye welcomed the decision of Kosovo's parliament to transform its security forces into a national army, calling it a legitimate step of an independent state.",
        ),
        published="2018-12-18",
    ),
    Page(
        "https://www.aa.com.tr/sq/balkani/turkiye-trajnon-pjes%C3%ABtare-e-forc%C3%ABs-s%C3%AB-siguris%C3%AB-s%C3%AB-kosov%C3%ABs/3203475",
        "sq", "Anadolu Agency", "Türkiye trajnon pjesëtarë të Forcës së Sigurisë së Kosovës",
        (
            "Ushtarët turq të KFOR-it trajnuan pjesëtarë të Forcës së Sigurisë së Kosovës në qitje.",
            "Trajnimi ushtarak është pjesë e bashkëpunimit mes Turqisë dhe Kosovës.",
        ),
        published="2024-05-03",
    ),
    Page(
        "https://www.koha.net/en/arboretum/279320/FSK-provides-14-armored-military-vehicles-from-Turkey",
        "en", "Koha", "KSF provides 14 armored military vehicles from Turkey",
        (
            "The Kosovo Security Force has received 14 armored military vehicles from Turkey as part of equipment support.",
        ),
        published="2021-07-09",
    ),
    Page(
        "https://www.savunmasanayist.com/roketsandan-kosovaya-omtas-fuzesi-ihracati", "tr",
        "SavunmaSanayiST", "Roketsan'dan Kosova'ya OMTAS füzesi ihracatı",
        (
            "Kosova Güvenlik Kuvvetleri, Türkiye'den tedarik edilen OMTAS tanksavar füzelerini teslim aldı.",
            "Teslimat 2023 yılında tamamlandı.",
        ),
        published="2023-05-21",
    ),
    Page(
        "https://www.b92.net/o/eng/news/politics?yyyy=2023&mm=06&dd=25&nav_id=116241", "en", "B92",
        "Vučić: Severe consequences? Serbia will not support the coup",
        (
            "Serbian President Aleksandar Vučić criticized Turkey for supplying drones, mortars, armored vehicles and howitzers to the Kosovo Security Force.",
            "Under the Kumanovo Agreement and UN resolution 1244 that force should not exist, he said.",
        ),
        published="2023-06-25",
    ),
    Page(
        "https://kossev.info/vojni-sporazum-kosovo-turska-vucevic-zabrinut-vezbe-obuke-naoruzavanje",
        "sr", "KoSSev", "Kosovo i Turska potpisali vojni sporazum, Beograd zabrinut",
        (
            "Ministar odbrane Srbije Miloš Vučević izjavio je da će Srbija adekvatno odgovoriti na vojni sporazum Kosova i Turske, i to ne samo politički.",
            "Sporazum predviđa vežbe, obuke i naoružavanje, naveo je Vučević.",
        ),
        published="2024-01-30",
    ),
    Page(
        "https://www.politika.rs/scc/clanak/568478/Ko-sprema-Pristinu-za-sukob-2027-godine",
        "sr-Cyrl", "Политика", "Ко спрема Приштину за сукоб 2027. године",
        (
            "Српски аналитичари оцењују да Турска, подржавајући Косовске безбедносне снаге, отворено стаје на страну албанског фактора на Балкану против Срба.",
            "Анкара је последњих година постала важан снабдевач Приштине наоружањем.",
        ),
        published="2023-08-28", byline="Дејан Спаловић",
    ),
    Page(
        "https://www.aa.com.tr/tr/politika/bakan-guler-sirbistan-savunma-bakani-vucevic-ile-gorustu/3032373",
        "tr", AA, "Bakan Güler, Sırbistan Savunma Bakanı Vucevic ile görüştü",
        (
            "Millî Savunma Bakanı Yaşar Güler, Belgrad'da Sırbistan Savunma Bakanı Miloš Vučević ile görüştü.",
            "Güler, Türkiye'nin Sırbistan ile askeri işbirliğine açık olduğunu söyledi.",
        ),
        published="2023-10-25",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/kosova-basbakani-kforun-komutanligini-ekimde-devralacak-tumgeneral-ozkan-ulutasi-kabul-etti/2990194",
        "tr", AA, "Kosova Başbakanı, KFOR'un komutanlığını ekimde devralacak Tümgeneral Özkan Ulutaş'ı kabul etti",
        (
            "Kosova Başbakanı Albin Kurti, KFOR'un komutasını ekim ayında devralacak Tümgeneral Özkan Ulutaş'ı kabul etti.",
            "Kurti, Türkiye'nin bölgede diyaloğu teşvik eden yaklaşımından memnuniyetini dile getirdi.",
        ),
        published="2023-09-12",
    ),
    Page(
        "https://www.aa.com.tr/ba/politika/turkovi%C4%87-u-ankari-uz-jaku-turkiye-i-zapadni-balkan-je-sigurniji-i-ja%C4%8Di/2788815",
        "bs", AA, "Turković u Ankari: Uz jaku Türkiye i Zapadni Balkan je sigurniji i jači",
        (
            "Ministrica vanjskih poslova Bosne i Hercegovine Bisera Turković boravi u posjeti Ankari.",
            "\"Zahvalni smo na izuzetnim naporima za napredak i stabilnost Balkana. Uz jaku Tursku Zapadni Balkan je sigurniji i jači. Bez jake Turske pitanje je šta bi bilo, sigurno Zapadni Balkan ne bi bio miran\", rekla je Turković.",
        ),
        published="2023-01-16", dateline="ANKARA (AA)",
    ),
    Page(
        "https://www.sipri.org/sites/default/files/2024-03/fs_2403_at_2023.pdf", "en", "SIPRI",
        "Trends in International Arms Transfers, 2023",
        (
            "SIPRI Fact Sheet, March 2024.",
            "Türkiye's share of global arms exports rose from 0.7 per cent in 2014–18 to 1.6 per cent in 2019–23, which made it the 11th largest exporter.",
        ),
    ),
    Page(
        "https://www.swp-berlin.org/publikation/turkey-an-emerging-global-arms-exporter", "en",
        "Stiftung Wissenschaft und Politik", "Turkey: An Emerging Global Arms Exporter",
        (
            "SWP Comment 2024/C 06, 23.02.2024, 8 pages",
            "Turkish defence firms sold military goods to more than 185 countries in 2023, according to the industry's own figures.",
        ),
        byline="Jens Bastian",
    ),
    Page(
        "https://dronewars.net/which-countries-have-armed-drones/", "en", "Drone Wars UK",
        "Which countries have armed drones?",
        (
            "Between 2014 and 2023, 42 countries acquired armed drones.",
            "Seventeen of those 42 countries obtained them from Turkey, more than from any other supplier.",
        ),
        founded="© 2024 Drone Wars UK",
    ),
    Page(
        "https://www.aa.com.tr/tr/dunya/arnavutluk-bayraktar-tb2ler-cok-yakinda-silahli-kuvvetlerimizin-bir-parcasi-olacak/3080869",
        "tr", AA, "Arnavutluk: Bayraktar TB2'ler çok yakında Silahlı Kuvvetlerimizin bir parçası olacak",
        (
            "Arnavutluk Başbakanı Edi Rama, Türkiye'den alınan Bayraktar TB2'lerin ülkenin ulusal güvenlik stratejisi, askeri taahhütleri ve NATO'nun kabiliyet hedefleriyle uyum için çok önemli olduğunu söyledi.",
        ),
        published="2023-12-12", byline="Fatjon Cuka, Furkan Abdula", dateline="TİRAN (AA)",
    ),
    Page(
        "https://www.aa.com.tr/en/europe/kosovo-receives-new-turkish-bayraktar-tb2-drones/2947178",
        "en", "Anadolu Agency", "Kosovo receives new Turkish Bayraktar TB2 drones",
        (
            "A new batch of Bayraktar TB2 drones arrived in Kosovo on Saturday.",
            "Prime Minister Albin Kurti said the delivery has made Kosovo safer than ever before.",
        ),
        published="2023-07-16",
    ),
    Page(
        "https://www.hurriyet.com.tr/dunya/bulgaristan-bayraktar-tb2-siha-satin-almayi-degerlendiriyor-42176477",
        "tr", "Hürriyet", "Bulgaristan, Bayraktar TB2 SİHA satın almayı değerlendiriyor",
        (
            "Bulgaristan'ın, Ukrayna'da etkinliği kanıtlanan Bayraktar TB2 SİHA'ları Türkiye'den satın almayı değerlendirdiği bildirildi.",
        ),
        published="2022-11-24",
    ),
    Page(
        "https://balkaninsight.com/2020/10/06/serbia-considers-buying-turkish-armed-drones/", "en",
        "Balkan Insight", "Serbia Considers Buying Turkish Armed Drones",
        (
            "Serbian President Aleksandar Vucic said on Monday that Belgrade is interested in buying armed drones from Turkey.",
        ),
        published="2020-10-06", byline="Hamdi Firat Buyuk", dateline="Istanbul",
    ),
    Page(
        "https://www.klix.ba/vijesti/regija/vucic-erdogan-mi-je-obecao-da-ce-srbija-dobiti-bayraktare-preko-reda/220410002",
        "bs", "Klix.ba", "Vučić: Erdogan mi je obećao da će Srbija dobiti Bayraktare preko reda",
        (
            "Predsjednik Srbije Aleksandar Vučić kazao je da je Srbija zainteresovana za kupovinu turskih dronova Bayraktar.",
        ),
        published="2022-04-10",
    ),
    Page(
        "https://www.b92.net/o/biz/vesti/region?nav_id=1634760", "sr", "B92",
        "Turska časti Crnu Goru: poklanjaju naoružanje vredno 15,5 miliona €",
        (
            "Turska je Crnoj Gori odobrila donaciju vrednu 15,5 miliona evra za nabavku vojne opreme.",
            "Vojska Crne Gore je već primila prvi deo opreme, a ostatak će nabavljati od turskih kompanija prema svojim potrebama, do iznosa donacije.",
        ),
        published="2019-12-25",
    ),
    Page(
        "https://bezbednost.org/wp-content/uploads/2023/05/dronovi-ENG-07.pdf", "en",
        "Belgrade Centre for Security Policy", "Wings of Change: The Coming Drone Proliferation in the Western Balkans",
        (
            "Governments of the Western Balkans are already seeking to purchase drones as the nature of warfare changes.",
        ),
        byline="Vuk Vuksanovic and Filip Ejdus",
    ),
)
