import { describe, expect, it } from 'vitest';
import { galleryOrder } from '../../../components/dashboard/gallery-order';

const art = (id: string, evidenceId: string, name: string) => ({ id, evidenceId, name });
const rec = (id: string, artifactIds: string[] = []) => ({ id, artifacts: artifactIds.map((a) => ({ id: a })) });

describe('the Evidence gallery order', () => {
  it('follows the list (newest record first), whatever order the artifacts were read in (random UUIDs)', () => {
    const list = ['ev-4', 'ev-3', 'ev-2', 'ev-1'];
    const read = [art('f0', 'ev-1', 'screenshot-visible.png'), art('9a', 'ev-4', 'screenshot-visible.png'), art('03', 'ev-2', 'screenshot-full.png'), art('77', 'ev-3', 'screenshot-chat.png')];
    expect(galleryOrder(list.map((id) => rec(id)), read).map((a) => a.evidenceId)).toEqual(list);
  });
  it("keeps a stitched chat's parts in the order its record lists them (capture order), whatever their ids", () => {
    const parts = [art('z', 'ev-3', 'screenshot-chat-1.png'), art('a', 'ev-3', 'screenshot-chat-2.png'), art('m', 'ev-3', 'screenshot-chat-3.png')];
    expect(galleryOrder([rec('ev-3', ['z', 'a', 'm'])], [...parts].reverse()).map((a) => a.name)).toEqual(['screenshot-chat-1.png', 'screenshot-chat-2.png', 'screenshot-chat-3.png']);
  });
  it('files the record does not list go after those it does, by name with part 10 after part 9', () => {
    const parts = [10, 2, 1, 9].map((n, i) => art(`z${9 - i}`, 'ev-3', `screenshot-chat-${n}.png`));
    const listed = art('first', 'ev-3', 'screenshot-chat.png');
    expect(galleryOrder([rec('ev-3', ['first'])], [...parts, listed]).map((a) => a.name)).toEqual([
      'screenshot-chat.png',
      'screenshot-chat-1.png',
      'screenshot-chat-2.png',
      'screenshot-chat-9.png',
      'screenshot-chat-10.png',
    ]);
  });
  it('is the same on every render: two files of one name by id; a record not in the list last', () => {
    const read = [art('b', 'ev-x', 'a.png'), art('d', 'ev-1', 'shot.png'), art('c', 'ev-1', 'shot.png')];
    expect(galleryOrder([rec('ev-1')], read).map((a) => a.id)).toEqual(['c', 'd', 'b']);
    expect(galleryOrder([rec('ev-1')], [...read].reverse()).map((a) => a.id)).toEqual(['c', 'd', 'b']);
  });
  it('does not reorder what it was given', () => {
    const read = [art('2', 'ev-2', 'x.png'), art('1', 'ev-1', 'x.png')];
    galleryOrder([rec('ev-1'), rec('ev-2')], read);
    expect(read.map((a) => a.id)).toEqual(['2', '1']);
  });
});
