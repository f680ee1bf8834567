/**
 * Citations name the document their sentence is in: a rule of a shared definition (Image Attributes, Image Tag
 * Format, the values of related parameters) cites that page, not the operation's document (src/spec/resolve.ts).
 */
import { describe, expect, test } from 'vitest';
import { compiledSpecs } from '../src/run/specs.js';

describe('citations of shared definitions', () => {
  test('a rule pulled in with $ref cites the document of its definition file, not the operation document', () => {
    const ops = compiledSpecs({ revision: '004' }).operations;
    const doc = (id: string) => ops.flatMap((o) => o.constraints).find((c) => c.id === id)?.citation.doc;
    expect(doc('ims.dataimage.tags.item.key.length')).toBe('ims-image_tag_format.rst');
    expect(doc('ims.quickimport.name.charset')).toBe('ims-image_attributes.rst');
    expect(doc('ims.quickimport.os_version.enum')).toBe('ims-values_of_related_parameters.rst');
    expect(doc('ims.imagecreate.__os_version.enum')).toBe('ims-values_of_related_parameters.rst');
    // The operation's own sentences keep its document.
    expect(doc('ims.dataimage.min_disk.range')).toBe('000_e6aba1037ae22d43.txt');
  });
});
