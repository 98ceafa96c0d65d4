// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { findSensitive, joinTextNodes, rangesForMatches, toRanges, type SensitiveKind } from '../../../lib/capture/redact';

const found = (text: string) => findSensitive(text).map((m) => [m.kind, m.value]);

describe('findSensitive: true positives', () => {
  const cases: [string, SensitiveKind, string][] = [
    ['买家电话13812345678请尽快发货', 'phone', '13812345678'],
    ['手机：138 1234 5678', 'phone', '138 1234 5678'],
    ['联系方式 138-1234-5678。', 'phone', '138-1234-5678'],
    ['+86 139 1234 5678', 'phone', '+86 139 1234 5678'],
    ['收件人手机 +8615912345678', 'phone', '+8615912345678'],
    ['已为您核对手机号 138****5678', 'phone', '138****5678'],
    ['tel 159 **** 1234', 'phone', '159 **** 1234'],
    ['门店电话 010-12345678', 'phone', '010-12345678'],
    ['Call me at +1 415-555-0132 after 5pm', 'phone', '+1 415-555-0132'],
    ['UK buyer +44 20 7946 0958', 'phone', '+44 20 7946 0958'],
    ['Phone: (415) 555-0132', 'phone', '(415) 555-0132'],
    ['请发邮件到 zhang.san+shop@example.com.cn 谢谢', 'email', 'zhang.san+shop@example.com.cn'],
    ['Email: Buyer_01@mail.example.org.', 'email', 'Buyer_01@mail.example.org'],
    ['顺丰 SF1234567890123 已揽收', 'tracking', 'SF1234567890123'],
    ['圆通YT1234567890123', 'tracking', 'YT1234567890123'],
    ['京东快递 JDVA12345678901', 'tracking', 'JDVA12345678901'],
    ['EMS EA123456789CN in transit', 'tracking', 'EA123456789CN'],
    ['UPS 1Z999AA10123456784', 'tracking', '1Z999AA10123456784'],
    ['中通快递 运单号：731234567890', 'tracking', '731234567890'],
    ['快递单号 4312345678901', 'tracking', '4312345678901'],
    ['Tracking No. 9400111899223197428490', 'tracking', '9400111899223197428490'],
    ['Tracking number: LX123456789CN', 'tracking', 'LX123456789CN'],
    ['身份证 11010519491231002X', 'id-card', '11010519491231002X'],
    ['身份证号:440304199001010011?', 'id-card', '440304199001010011'],
    ['证件号 110105********002X', 'id-card', '110105********002X'],
    ['订单号：3890123456789012345', 'order-number', '3890123456789012345'],
    ['订单编号 202611221234567', 'order-number', '202611221234567'],
    ['Order ID: 112-3456789-1234567', 'order-number', '112-3456789-1234567'],
    ['Order #4012345678', 'order-number', '4012345678'],
    ['收货地址：浙江省杭州市余杭区文一西路969号 3号楼', 'address', '浙江省杭州市余杭区文一西路969号 3号楼'],
    ['地址: 广东省深圳市南山区科技园', 'address', '广东省深圳市南山区科技园'],
    ['Shipping address: 1600 Amphitheatre Pkwy, Mountain View, CA', 'address', '1600 Amphitheatre Pkwy, Mountain View, CA'],
    ['收货人：张三，请核对', 'name', '张三'],
    ['Recipient: John Smith', 'name', 'John Smith'],
    // The buyer as backends label them, account nicknames with digits and underscores (the demo orders page's
    // buyers were left readable in a redacted screenshot).
    ['买家：小王同学88', 'name', '小王同学88'],
    ['买家昵称：lily_0927', 'name', 'lily_0927'],
    ['買家暱稱：阿美0927', 'name', '阿美0927'],
    ['姓名：王小明', 'name', '王小明'],
    ['Buyer: Lucas Oliveira', 'name', 'Lucas Oliveira'],
    ['Buyer name: Emma Schulz', 'name', 'Emma Schulz'],
    ['Customer: jane.doe-77', 'name', 'jane.doe-77'],
    ['加我微信：lily_0927 发你图', 'name', 'lily_0927'],
    ['微信号 wx_shop2026', 'name', 'wx_shop2026'],
    ['加我QQ 12345678', 'name', '12345678'],
    ['WeChat ID: mei_lin_88', 'name', 'mei_lin_88'],
  ];
  it.each(cases)('%s → %s', (text, kind, value) => {
    const matches = findSensitive(text);
    const hit = matches.find((m) => m.kind === kind && m.value === value);
    expect(hit, JSON.stringify(matches)).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe(value);
  });

  it('finds several items in one message, ordered, without overlaps; address line wins over the phone inside it', () => {
    const text = '亲，请核对：收货人：李四\n电话：13912345678\n收货地址：上海市浦东新区张江路88号 13800001111\n订单号：3890123456789012345 顺丰SF1234567890123';
    const m = findSensitive(text);
    expect(m.map((x) => x.kind)).toEqual(['name', 'phone', 'address', 'order-number', 'tracking']);
    expect(m.find((x) => x.kind === 'address')!.value).toBe('上海市浦东新区张江路88号 13800001111');
    for (let i = 1; i < m.length; i++) expect(m[i]!.start).toBeGreaterThanOrEqual(m[i - 1]!.end);
  });
});

describe('findSensitive: ordinary order text is left alone', () => {
  const ordinary = [
    '实付款：¥138.00（含运费¥10.00）',
    '共3件商品 合计：¥1,380.50',
    '下单时间：2026-11-22 13:45:12',
    '付款时间 2026/11/22 13:45',
    '预计11月25日送达，请耐心等待',
    '优惠券满199减20，店铺满2件9折',
    'Total: $13,812.34 (incl. tax $1,234.56)',
    'Ordered on Nov 22, 2026 · Qty 2 · SKU 1380-XL',
    '商品编号 10023456 规格：160/84A',
    // Labels without a value after a colon are status lines, not names; "WeChat Pay" is no account.
    '买家已付款，待发货',
    '买家确认收货后结算',
    '客户服务：周一至周五',
    'Paid with WeChat Pay',
    'The buyer has confirmed receipt',
    '亲，已经为您备注加急，48小时内发货',
    '时间戳 1732251234567',
    '退款金额 15912.00 元',
    'Version 2.14.8, build 20261122',
    '尺码 165/88A 建议选L码，体重55-60kg',
    '库存 13812 件',
    '评价：质量很好，物流很快，五星好评！',
  ];
  it.each(ordinary)('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('rejects 18-digit numbers that are not valid ID cards', () => {
    expect(found('流水号 110105194912310021')).toEqual([]); // wrong check digit
    expect(found('编码 110105194913310029')).toEqual([]); // month 13
  });
});

describe('findSensitive: an address written out without a label in front', () => {
  // The buyer types the address into the chat, or a page shows it bare: it was left readable in a redacted screenshot.
  const addresses: [string, string][] = [
    ['麻烦寄到浙江省杭州市西湖区文三路90号东部软件园3号楼 谢谢', '浙江省杭州市西湖区文三路90号东部软件园3号楼'],
    ['上海市浦东新区张江路88号', '上海市浦东新区张江路88号'],
    ['改成北京市朝阳区建国路88号SOHO现代城5号楼1201室吧', '北京市朝阳区建国路88号SOHO现代城5号楼1201室'],
    ['四川省成都市武侯区人民南路四段27号', '四川省成都市武侯区人民南路四段27号'],
    ['请发到深圳市南山区科技园南区高新南七道18号，谢谢', '深圳市南山区科技园南区高新南七道18号'],
    ['江苏省苏州市吴中区木渎镇金山路12号', '江苏省苏州市吴中区木渎镇金山路12号'],
    ['上海市黄浦区南京东路299弄5号', '上海市黄浦区南京东路299弄5号'],
    ['天津市和平区南京路189号', '天津市和平区南京路189号'],
    ['新北市板橋區文化路一段188巷10號5樓', '新北市板橋區文化路一段188巷10號5樓'],
    ['寄到台北市大安區忠孝東路四段100號5樓之1', '台北市大安區忠孝東路四段100號5樓之1'],
    ['12 Harbour Rd, Apt 5, Singapore 123456', '12 Harbour Rd, Apt 5, Singapore 123456'],
    ['Send it to 221B Baker Street please', '221B Baker Street'],
    ['221B Baker Street, London NW1 6XE', '221B Baker Street, London NW1 6XE'],
    ['Please ship to 1600 Amphitheatre Pkwy, Mountain View, CA 94043 thanks', '1600 Amphitheatre Pkwy, Mountain View, CA 94043'],
    ['350 Fifth Avenue, New York, NY 10118', '350 Fifth Avenue, New York, NY 10118'],
  ];
  it.each(addresses)('%s', (text, value) => {
    expect(found(text)).toEqual([['address', value]]);
  });

  // A place name is not an address: product names, shipping terms, parcel status lines, dates.
  const stay = [
    '上海风味小笼包 买二送一',
    '广东省内包邮，偏远地区除外',
    '浙江省内3日达',
    '新疆西藏不包邮',
    '北京',
    '杭州市西湖区',
    '快件已到达【杭州转运中心】，正在发往【杭州市西湖区】',
    '您的快件已到达杭州市西湖区文三路营业点',
    '杭州市西湖区的朋友都知道5号发货',
    '我们在上海市，5号前发货',
    '发货地：广东省广州市',
    'Nike Air Max 90 Road Runner',
    'Qty 2 Street style hoodie',
    'Ships in 2 Business Days',
    'Order 3 Pack Socks',
    'Abbey Road vinyl, 2 LP',
  ];
  it.each(stay)('%s stays', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('a page repeating place names is searched at once (the first rule tried every way to cut them and hung)', () => {
    expect(found('浙江省杭州市西湖区'.repeat(400))).toEqual([]);
    expect(found('杭州市西湖区文三路90号东部软件园\n'.repeat(50))).toHaveLength(50);
  });

  it('a labelled address is still one span, label left readable', () => {
    expect(found('收货地址：浙江省杭州市余杭区文一西路969号 3号楼')).toEqual([['address', '浙江省杭州市余杭区文一西路969号 3号楼']]);
  });
});

describe('rangesForMatches', () => {
  it('maps offsets in concatenated text nodes back to DOM positions, across node boundaries', () => {
    document.body.innerHTML = '';
    const p = document.createElement('p');
    const parts = ['买家电话138', '1234', '5678，邮箱 a@', 'example.com', ''];
    const nodes = parts.map((t) => document.createTextNode(t));
    const b = document.createElement('b');
    b.append(nodes[1]!);
    p.append(nodes[0]!, b, nodes[2]!, nodes[3]!, nodes[4]!);
    document.body.append(p);
    const text = parts.join('');
    const matches = findSensitive(text);
    expect(matches.map((m) => m.value)).toEqual(['13812345678', 'a@example.com']);
    const spans = rangesForMatches(nodes, matches);
    expect(spans[0]!.start).toEqual({ node: nodes[0], offset: 4 });
    expect(spans[0]!.end).toEqual({ node: nodes[2], offset: 4 });
    expect(spans[1]!.start).toEqual({ node: nodes[2], offset: 8 });
    expect(spans[1]!.end).toEqual({ node: nodes[3], offset: 11 });
    const ranges = toRanges(document, spans);
    expect(ranges.map((r) => r.toString())).toEqual(['13812345678', 'a@example.com']);
  });

  it('a message time in the block above does not hide a bare phone number, nor widen an e-mail box (joinTextNodes)', () => {
    document.body.innerHTML = '<div class="msg"><div class="time">10:11:12</div><div class="bubble">13812345678</div></div>'
      + '<div class="msg"><div class="time">10:11:12</div><div class="bubble">zhang.san@example.com</div></div>'
      + '<p>订单号：<b>2403</b>8812</p>';
    const nodes: Text[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) nodes.push(n as Text);
    // Blocks by tag here (jsdom lays nothing out); the content script asks getComputedStyle.
    const blockOf = (n: Text) => n.parentElement!.closest('div, p');
    const { text, starts } = joinTextNodes(nodes, blockOf);
    const matches = findSensitive(text);
    const ranges = toRanges(document, rangesForMatches(nodes, matches, starts)).map((r) => r.toString());
    expect(ranges).toContain('13812345678');
    expect(ranges).toContain('zhang.san@example.com');
    expect(ranges.some((r) => r.includes(':'))).toBe(false);
    // Inline parts of one block still read as one string.
    expect(text).toContain('订单号：24038812');
    // Joined bare (the old way) the phone number was missed.
    expect(findSensitive(nodes.map((n) => n.data).join('')).map((m) => m.value)).not.toContain('13812345678');
  });

  it('skips matches outside the text', () => {
    const n = document.createTextNode('abc');
    expect(rangesForMatches([n], [{ kind: 'phone', start: 2, end: 9, value: 'x' }])).toEqual([]);
  });
});
