// A file the API made, handed on by the portal as the API sent it: the body and the named headers.
export function passThrough(answer: Response, headerNames: readonly string[]): Response {
  const headers = new Headers();
  for (const name of headerNames) {
    const value = answer.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(answer.body, { status: 200, headers });
}
