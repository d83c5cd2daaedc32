// Bytewords "minimal" style (BCR-2020-012): each byte as the first and last letter of its word, with
// a CRC-32 of the body appended. The 256 words are the standard's list. DOM-free.
import { PkiError } from '../../../pki/index.ts';
import { crc32, uint32Bytes } from './crc32.ts';

const WORDS =
  'ableacidalsoapexaquaarchatomauntawayaxisbackbaldbarnbeltbetabiasbluebodybragbrewbulbbuzzcalmcashcatschefcityclawcodecolacookcostcruxcurlcuspcyandarkdatadaysdelidicedietdoordowndrawdropdrumdulldutyeacheasyechoedgeepicevenexamexiteyesfactfairfernfigsfilmfishfizzflapflewfluxfoxyfreefrogfuelfundgalagamegeargemsgiftgirlglowgoodgraygrimgurugushgyrohalfhanghardhawkheathelphighhillholyhopehornhutsicedideaidleinchinkyintoirisironitemjadejazzjoinjoltjowljudojugsjumpjunkjurykeepkenokeptkeyskickkilnkingkitekiwiknoblamblavalazyleaflegsliarlimplionlistlogoloudloveluaulucklungmainmanymathmazememomenumeowmildmintmissmonknailnavyneednewsnextnoonnotenumbobeyoboeomitonyxopenovalowlspaidpartpeckplaypluspoempoolposepuffpumapurrquadquizraceramprealredorichroadrockroofrubyruinrunsrustsafesagascarsetssilkskewslotsoapsolosongstubsurfswantacotasktaxitenttiedtimetinytoiltombtoystriptunatwinuglyundouniturgeuservastveryvetovialvibeviewvisavoidvowswallwandwarmwaspwavewaxywebswhatwhenwhizwolfworkyankyawnyellyogayurtzapszerozestzinczonezoom';

const MINIMAL: string[] = [];
const LOOKUP = new Int16Array(26 * 26).fill(-1);
for (let i = 0; i < 256; i++) {
  const first = WORDS[i * 4]!;
  const last = WORDS[i * 4 + 3]!;
  MINIMAL.push(first + last);
  LOOKUP[(first.charCodeAt(0) - 97) * 26 + (last.charCodeAt(0) - 97)] = i;
}

/** Minimal bytewords of `body` followed by its CRC-32 (lower case). */
export function encodeBytewordsMinimal(body: Uint8Array): string {
  let out = '';
  for (const b of body) out += MINIMAL[b]!;
  for (const b of uint32Bytes(crc32(body))) out += MINIMAL[b]!;
  return out;
}

/**
 * Decodes minimal bytewords (either case) and checks the trailing CRC-32.
 * Throws PkiError QR_BAD_BYTEWORDS (not bytewords) or QR_CHECKSUM_MISMATCH (damaged).
 */
export function decodeBytewordsMinimal(text: string): Uint8Array {
  if (text.length % 2 !== 0 || text.length < 10) {
    throw new PkiError('QR_BAD_BYTEWORDS', `bytewords text of ${text.length} letters is not a whole checksummed body`);
  }
  const lower = text.toLowerCase();
  const bytes = new Uint8Array(lower.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const a = lower.charCodeAt(2 * i) - 97;
    const b = lower.charCodeAt(2 * i + 1) - 97;
    const v = a >= 0 && a < 26 && b >= 0 && b < 26 ? LOOKUP[a * 26 + b]! : -1;
    if (v < 0) {
      throw new PkiError('QR_BAD_BYTEWORDS', `letters at offset ${2 * i} are not a byteword`, { details: { offset: 2 * i } });
    }
    bytes[i] = v;
  }
  const body = bytes.subarray(0, bytes.length - 4);
  const want = uint32Bytes(crc32(body));
  const got = bytes.subarray(bytes.length - 4);
  if (want.some((x, i) => x !== got[i])) {
    throw new PkiError('QR_CHECKSUM_MISMATCH', 'the code\'s CRC-32 does not match its content: it was damaged or misread');
  }
  return body.slice();
}
