/* eslint-disable no-console */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { Matcher } from "../../bot/matching/matcher";
import { domainKnowledge, evaluationDomains } from "./domains";

/**
 * How the matcher holds when customers wrap a question in what they write around it: greetings,
 * courtesies, requests about the exchange, their name, a group addressed, their feelings and
 * the effort spent; and when they type it otherwise: apostrophes left out, a letter typed three
 * times, a typo in the longest word, capitals on a keyboard without Turkish letters. Each frame is put around every question of the tuning halves
 * (never the held-out ones), and the questions answered rightly, the right entry first and those
 * answered wrongly are counted against the bare questions. A frame that costs many answers points
 * at words that name nothing being read as topics. `npx tsx test/eval/frames.ts`
 */
const FRAMES: ReadonlyArray<readonly [string, (text: string) => string]> = [
  ["(bare)", (text) => text],
  ["merhaba, iyi günler. …", (text) => `Merhaba, iyi günler. ${text}`],
  ["selamün aleyküm, …", (text) => `selamün aleyküm, ${text}`],
  ["kolay gelsin … şimdiden teşekkürler", (text) => `kolay gelsin ${text} şimdiden teşekkürler`],
  ["lütfen yardım edin, …", (text) => `lütfen yardım edin, ${text}`],
  ["sayın yetkili, …", (text) => `sayın yetkili, ${text}`],
  ["… acil dönüş yapar mısınız", (text) => `${text} acil dönüş yapar mısınız`],
  ["… cevabınızı bekliyorum", (text) => `${text} cevabınızı bekliyorum`],
  ["… bilginiz var mı", (text) => `${text} bilginiz var mı`],
  ["… yardımınızı rica ederim", (text) => `${text} yardımınızı rica ederim`],
  ["Merhaba ben Ayşe, …", (text) => `Merhaba ben Ayşe, ${text}`],
  ["Ben Mehmet Yılmaz, …", (text) => `Ben Mehmet Yılmaz, ${text}`],
  // the writer's name as a form's field, the writer described, writing on someone's behalf (session 39)
  ["…. Ad soyad: Ayşe Yılmaz", (text) => `${text.replace(/[?.!]+$/u, "")}. Ad soyad: Ayşe Yılmaz`],
  ["…. Saygılarımla, Ahmet", (text) => `${text.replace(/[?.!]+$/u, "")}. Saygılarımla, Ahmet`],
  ["…. Ahmet Yılmaz", (text) => `${text.replace(/[?.!]+$/u, "")}. Ahmet Yılmaz`],
  ["Ben yaşlı biriyim, pek anlamam, …", (text) => `Ben yaşlı biriyim, pek anlamam, ${text}`],
  ["eşim adına yazıyorum, …", (text) => `eşim adına yazıyorum, ${text}`],
  ["beyler …", (text) => `beyler ${text}`],
  ["ya arkadaş …", (text) => `ya arkadaş ${text}`],
  ["…, allahaşkına", (text) => `${text}, allahaşkına`],
  ["arkadaşlar …", (text) => `arkadaşlar ${text}`],
  ["uzun süredir müşterinizim, …", (text) => `uzun süredir müşterinizim, ${text}`],
  ["… çok mağdurum", (text) => `${text} çok mağdurum`],
  ["daha önce de yazdım ama cevap gelmedi. …", (text) => `daha önce de yazdım ama cevap gelmedi. ${text}`],
  // the history of the exchange beside the question, before or after it (session 40)
  ["…. Daha önce de yazdım ama cevap gelmedi.", (text) => `${text}. Daha önce de yazdım ama cevap gelmedi.`],
  ["…. Kimse cevap vermiyor.", (text) => `${text}. Kimse cevap vermiyor.`],
  ["Defalarca mail attım, hiç yanıt yok. …", (text) => `Defalarca mail attım, hiç yanıt yok. ${text}`],
  ["… bu konuda bilgi alabilir miyim", (text) => `${text} bu konuda bilgi alabilir miyim`],
  // asking to be informed, and how fully (session 39)
  ["…. Bilgilendirir misiniz?", (text) => `${text.replace(/[?.!]+$/u, "")}. Bilgilendirir misiniz?`],
  ["…. Detaylı bilgi alabilir miyim?", (text) => `${text.replace(/[?.!]+$/u, "")}. Detaylı bilgi alabilir miyim?`],
  ["…, konu hakkında bilgi verebilir misiniz", (text) => `${text}, konu hakkında bilgi verebilir misiniz`],
  ["… cevap verirseniz sevinirim", (text) => `${text} cevap verirseniz sevinirim`],
  // thanks in advance with words between, a reply waited for impatiently or asked for back (session 39)
  ["… Şimdiden ilginiz için teşekkürler.", (text) => `${text} Şimdiden ilginiz için teşekkürler.`],
  ["…. Cevabınızı sabırsızlıkla bekliyorum.", (text) => `${text.replace(/[?.!]+$/u, "")}. Cevabınızı sabırsızlıkla bekliyorum.`],
  ["…. Konuyla ilgili geri dönüşünüzü bekliyorum.", (text) => `${text.replace(/[?.!]+$/u, "")}. Konuyla ilgili geri dönüşünüzü bekliyorum.`],
  // the one who answers asked to attend to the matter
  ["…, bi bakar mısınız", (text) => `${text}, bi bakar mısınız`],
  ["… ilgilenirmisiniz", (text) => `${text} ilgilenirmisiniz`],
  ["…, kontrol edebilir misiniz", (text) => `${text}, kontrol edebilir misiniz`],
  ["… inceler misiniz lütfen", (text) => `${text} inceler misiniz lütfen`],
  ["… bi el atın", (text) => `${text} bi el atın`],
  ["…, elinizden gelen bir şey var mı", (text) => `${text}, elinizden gelen bir şey var mı`],
  ["… asap", (text) => `${text} asap`],
  ["…, urgent pls", (text) => `${text}, urgent pls`],
  ["hello team, …", (text) => `hello team, ${text}`],
  ["…. Best regards, Ayşe Yılmaz", (text) => `${text.replace(/[?.!]+$/u, "")}. Best regards, Ayşe Yılmaz`],
  ["… bakarsanız sevinirim", (text) => `${text} bakarsanız sevinirim`],
  ["… şimdiden çok teşekkür ederim", (text) => `${text} şimdiden çok teşekkür ederim`],
  ["… rezalet", (text) => `${text} rezalet`],
  ["… gerçekten bıktım", (text) => `${text} gerçekten bıktım`],
  ["…, kafayı yiyeceğim", (text) => `${text}, kafayı yiyeceğim`],
  ["…, cok onemli", (text) => `${text}, cok onemli`],
  ["…, numaram 05321234567", (text) => `${text}, numaram 05321234567`],
  ["…. Sipariş numaram 123456789", (text) => `${text.replace(/[?.!]+$/u, "")}. Sipariş numaram 123456789`],
  ["telefon numaram 05551112233, …", (text) => `telefon numaram 05551112233, ${text}`],
  // contact details as customers type them (session 39): a phone number in groups, an e-mail address
  ["…, 0532 123 45 67", (text) => `${text}, 0532 123 45 67`],
  ["…, mail adresim ayse.yilmaz@gmail.com", (text) => `${text}, mail adresim ayse.yilmaz@gmail.com`],
  ["…. Ne yapabilirim?", (text) => `${text.replace(/[?.!]+$/u, "")}. Ne yapabilirim?`],
  // a verb and no object asks about the sentence before (session 40)
  ["…. Nasıl çözebilirim?", (text) => `${text}. Nasıl çözebilirim?`],
  // an outcry after the question, and the writer's reproach beside it (session 40)
  ["…. Bu ne biçim hizmet?", (text) => `${text}. Bu ne biçim hizmet?`],
  ["…. Ayıp değil mi?", (text) => `${text}. Ayıp değil mi?`],
  ["…. Sizi şikayet edeceğim.", (text) => `${text}. Sizi şikayet edeceğim.`],
  ["…. Hiç memnun değilim.", (text) => `${text}. Hiç memnun değilim.`],
  ["…. Nasıl bir yol izlemeliyim?", (text) => `${text.replace(/[?.!]+$/u, "")}. Nasıl bir yol izlemeliyim?`],
  ["… çok üzgünüm", (text) => `${text} çok üzgünüm`],
  ["3 gündür uğraşıyorum, …", (text) => `3 gündür uğraşıyorum, ${text}`],
  // when the story happened, told from now, and the question asked again (session 39)
  ["Az önce …", (text) => `Az önce ${text}`],
  ["Sabahtan beri …", (text) => `Sabahtan beri ${text}`],
  // a time of the story told from today, read as one past time (session 40); `bugün` stays a word
  ["Geçen hafta …", (text) => `Geçen hafta ${text}`],
  ["dün akşam …", (text) => `dün akşam ${text}`],
  ["Bu sabah …", (text) => `Bu sabah ${text}`],
  ["dün …", (text) => `dün ${text}`],
  ["bugün …", (text) => `bugün ${text}`],
  ["Bunu ikinci kez soruyorum: …", (text) => `Bunu ikinci kez soruyorum: ${text}`],
  // a problem announced before it is told
  ["Merhaba, bir problemim var. …", (text) => `Merhaba, bir problemim var. ${text}`],
  ["Bir sorunum var, …", (text) => `Bir sorunum var, ${text}`],
  ["şöyle bir durum var, …", (text) => `şöyle bir durum var, ${text}`],
  // how soon the reply is wanted
  ["…, en kısa sürede dönüş bekliyorum", (text) => `${text}, en kısa sürede dönüş bekliyorum`],
  ["…, acilen", (text) => `${text}, acilen`],
  // still waiting for what the message told
  ["…, hala bekliyorum", (text) => `${text}, hala bekliyorum`],
  // the apostrophe before a suffix left out, as chat often does (`account'umu` as `accountumu`)
  ["no apostrophes", (text) => text.replace(/['’]/gu, "")],
  // the last letter typed three times for emphasis (`kaybettimmm?`)
  ["last letter tripled", (text) => text.replace(/(\p{L})(?=[^\p{L}]*$)/u, "$1$1$1")],
  // a typo in the message's longest word, often what it is about: two letters swapped in its middle
  ["longest word: two letters swapped", (text) => swapInLongestWord(text)],
  // capitals typed on a keyboard without Turkish letters: only the questions typed without them
  ["CAPITALS (plain letters)", (text) => (/[çğıöşüÇĞİÖŞÜ]/u.test(text) ? text : text.toUpperCase())],
];

/** The text with the two letters in the middle of its longest word (of four letters or more) swapped (`passowrd`, `kaybetitm`). */
function swapInLongestWord(text: string): string {
  let [start, end] = [0, 0];
  for (const match of text.matchAll(/\p{L}+/gu)) if (match[0].length > end - start) [start, end] = [match.index, match.index + match[0].length];
  const middle = start + Math.floor((end - start) / 2);
  return end - start < 4 ? text : `${text.slice(0, middle)}${text.charAt(middle + 1)}${text.charAt(middle)}${text.slice(middle + 2)}`;
}

async function main(): Promise<void> {
  const totals = FRAMES.map(() => ({ answeredRight: 0, top1: 0, wronglyAnswered: 0 }));
  let questions = 0;
  for (const domain of evaluationDomains()) {
    const tuning = domain.inDomain.tuning;
    if (tuning.length === 0) continue;
    const kb = await domainKnowledge(domain);
    const matcher = new Matcher();
    questions += tuning.length;
    for (const query of tuning) {
      FRAMES.forEach(([, frame], i) => {
        const decision = matcher.match(frame(query.text), kb);
        const right = query.expected.includes(decision.candidates[0]?.id ?? "");
        const total = totals[i];
        if (!total) return;
        if (right) total.top1 += 1;
        if (decision.status === "answered") {
          if (right) total.answeredRight += 1;
          else total.wronglyAnswered += 1;
        }
      });
    }
  }
  console.log(`tuning halves: ${questions} questions`);
  console.log("| frame | answered right | top-1 | wrongly answered |");
  console.log("| --- | --- | --- | --- |");
  FRAMES.forEach(([name], i) => {
    const total = totals[i];
    if (total) console.log(`| ${name} | ${total.answeredRight} | ${total.top1} | ${total.wronglyAnswered} |`);
  });
}

void main();
