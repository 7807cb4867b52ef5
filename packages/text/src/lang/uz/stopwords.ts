/**
 * Uzbek function words in both scripts (written for Ogoh). Latin forms use the normalised
 * apostrophe (oʻ gʻ ʼ → ').
 */
export const UZ_STOPWORDS: readonly string[] = [
  ...`va bilan uchun bu u ular biz men sen siz ham esa lekin ammo yoki agar chunki deb edi emas bor yo'q
kabi qadar bo'yicha orqali haqida keyin oldin hamda shu o'sha barcha har bir ko'p juda eng yana faqat hali
endi bo'lgan bo'ldi bo'lib bo'ladi qilib qildi etdi ekan mumkin kerak lozim tomonidan sababli o'z ushbu
hamma boshqa hech nima qanday qachon qayerda nega ya'ni balki hatto allaqachon hozir bugun kecha ertaga`
    .split(/\s+/)
    .filter(Boolean),
  ...`ва билан учун бу у улар биз мен сен сиз ҳам эса лекин аммо ёки агар чунки деб эди эмас бор йўқ
каби қадар бўйича орқали ҳақида кейин олдин ҳамда шу ўша барча ҳар бир кўп жуда энг яна фақат ҳали
энди бўлган бўлди бўлиб бўлади қилиб қилди этди экан мумкин керак лозим томонидан сабабли ўз ушбу
ҳамма бошқа ҳеч нима қандай қачон қаерда нега яъни балки ҳатто аллақачон ҳозир бугун кеча эртага`
    .split(/\s+/)
    .filter(Boolean),
];
