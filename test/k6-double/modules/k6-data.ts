// TEST DOUBLE of k6's `k6/data` module: a SharedArray is the array its callback makes.
export class SharedArray<T> {
  constructor(name: string, make: () => T[]) {
    if (typeof name !== 'string' || name === '') throw new Error('k6 double: SharedArray needs a name');
    const items = make();
    if (!Array.isArray(items)) throw new Error('k6 double: the SharedArray callback must return an array');
    return Object.freeze([...items]) as unknown as SharedArray<T>;
  }
}

export default { SharedArray };
