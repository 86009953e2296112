import { describe, expect, it } from 'vitest';
import { combineParts, ServiceRegistry, type Services } from '../../src/server/module';

describe('the module wiring', () => {
  it('refuses a service asked for before its module was created, and hands it out after', () => {
    const registry = new ServiceRegistry();
    expect(() => registry.services.notes).toThrow('service notes is used before its module was created');
    const notes = {} as Services['notes'];
    registry.add('notes', { notes });
    expect(registry.services.notes).toBe(notes);
    expect(registry.all()).toEqual({ notes });
  });

  it('refuses a service, frame handler or deliverer that two modules provide', () => {
    const registry = new ServiceRegistry();
    registry.add('notes', { notes: {} as Services['notes'] });
    expect(() => registry.add('other', { notes: {} as Services['notes'] })).toThrow('module other provides service notes again');
    expect(() => combineParts([{ typing: 1 }, undefined, { typing: 2 }], 'frame handler')).toThrow('two modules provide the frame handler typing');
    expect(combineParts([{ typing: 1 }, undefined, { read: 2 }], 'frame handler')).toEqual({ typing: 1, read: 2 });
  });
});
