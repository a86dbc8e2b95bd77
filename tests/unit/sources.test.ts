import { describe, expect, it } from 'vitest';
import { isAllowedModelOrigin, parseMirror, requestProblem } from '../../workers/sources';

const APP = 'https://user.github.io';

describe('where model files may come from', () => {
  it('allows the app itself, the hub, loopback mirrors and build-time mirrors only', () => {
    expect(requestProblem('/some-repo/models/selftest/config.json', APP)).toBeNull();
    expect(requestProblem('https://huggingface.co/a/b/resolve/main/config.json', APP)).toBeNull();
    expect(requestProblem('http://127.0.0.1:8080/a/b/resolve/main/config.json', APP)).toBeNull();
    expect(
      requestProblem('https://mirror.example/a/b/resolve/main/x', APP, ['https://mirror.example']),
    ).toBeNull();
    expect(requestProblem('http://evil.example/a/b/resolve/main/config.json', APP)).toMatch(
      /^Refused to download from evil\.example/,
    );
    // Plain http to the hub, or a look-alike host, is another origin.
    expect(requestProblem('http://huggingface.co/a/b/resolve/main/x', APP)).toMatch(/Refused/);
    expect(requestProblem('https://huggingface.co.evil.example/a', APP)).toMatch(/Refused/);
    expect(isAllowedModelOrigin('http://127.0.0.2:80')).toBe(false);
  });

  it('checks a ?hub= value before anything asks to use it', () => {
    expect(parseMirror(null)).toBeNull();
    expect(parseMirror('https://huggingface.co/')).toBeNull();
    expect(parseMirror('http://127.0.0.1:9000')).toEqual({ url: 'http://127.0.0.1:9000/' });
    expect(parseMirror('http://localhost:9000/base')).toEqual({ url: 'http://localhost:9000/base/' });
    // "http://" alone would send requests to a host named after the model's owner.
    expect(parseMirror('http://')).toMatchObject({ problem: expect.stringMatching(/not a web address/) });
    expect(parseMirror('javascript:alert(1)')).toMatchObject({ problem: expect.any(String) });
    expect(parseMirror('http://evil.example/')).toMatchObject({
      problem: expect.stringMatching(/evil\.example, which this site does not allow/),
    });
    expect(parseMirror('https://mirror.example/', ['https://mirror.example'])).toEqual({
      url: 'https://mirror.example/',
    });
  });
});
