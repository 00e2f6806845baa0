/** A trained ml-cart node, as far as churnkit reads it. @category Models */
export interface MljsTreeNode {
  splitValue?: number;
  splitColumn?: number;
  gain?: number;
  left?: MljsTreeNode;
  right?: MljsTreeNode;
  distribution?: { columns: number; get(row: number, column: number): number };
}

/**
 * The classes of the optional mljs packages that `engine: 'mljs'` drives: `DecisionTreeClassifier`
 * (ml-cart), `RandomForestClassifier` (ml-random-forest), `LogisticRegression`
 * (ml-logistic-regression) and `Matrix` (ml-matrix, their shared dependency). Get them with
 * {@link loadMljsEngine} or import them yourself and pass them as the `mljs` option of
 * {@link trainChurnModel}.
 *
 * @category Models
 */
export interface MljsModules {
  DecisionTreeClassifier: new (options: object) => { train(x: number[][], y: number[]): void; root: MljsTreeNode };
  RandomForestClassifier: new (options: object) => {
    train(x: number[][], y: number[]): void;
    estimators: { root: MljsTreeNode }[];
    indexes: number[][];
  };
  LogisticRegression: new (options: object) => {
    train(x: unknown, y: unknown): void;
    classifiers: { weights: { get(row: number, column: number): number; columns: number } }[];
    numberClasses: number;
  };
  Matrix: { new (rows: number[][]): unknown; columnVector(values: number[]): unknown };
}
