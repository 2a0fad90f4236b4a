"""A notes service on FastAPI and Starlette."""
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

app = FastAPI()


@app.get("/note")
async def note(request: Request):
    title = request.query_params["title"]
    response = HTMLResponse("<p>saved</p>")
    response.headers.append("X-Note", title)  # want: SG615
    response.headers["X-Title"] = title  # want: SG615
    response.headers["X-Kind"] = "note"  # ok: SG615
    response.set_cookie("last", title)  # ok: SG615
    return response


@app.get("/download")
async def download(name: str):
    return Response(b"", headers={"Content-Disposition": "attachment; filename=" + name})  # want: SG615


@app.get("/back")
async def back(next: str):
    return RedirectResponse(next)  # want: SG608


@app.get("/hello")
async def hello(name: str):
    import html
    page = HTMLResponse("<h1>Hello %s</h1>" % html.escape(name))  # ok: SG607
    return HTMLResponse("<h1>Hello %s</h1>" % name) if name else page  # want: SG607
