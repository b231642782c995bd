import ast
import operator


def $[fn|snake](expression: str) -> float:
    """Return the value of the arithmetic $[what] typed into the $[app], e.g. "$[example]".

    Numbers, + - * /, unary minus and parentheses are supported; anything else is an error.
    """
    binary = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
    unary = {ast.USub: operator.neg, ast.UAdd: operator.pos}

    def ev(node):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in binary:
            return binary[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in unary:
            return unary[type(node.op)](ev(node.operand))
        raise ValueError("unsupported element in $[what]: %s" % type(node).__name__)

    return ev(ast.parse(expression.strip(), mode="eval").body)
